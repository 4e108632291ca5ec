import { erasedHouseName } from './account-erasure';

const ID = '3f2a9c1e-0000-4000-8000-000000000001';

describe('erasedHouseName', () => {
  it('replaces a name that holds the eBay username, compared as house names are', () => {
    expect(erasedHouseName({ id: ID, houseName: 'Account-seller_one', username: 'seller_one' })).toBe('Deleted-3f2a9c1e');
    expect(erasedHouseName({ id: ID, houseName: 'ＳＥＬＬＥＲ_ONE shop', username: 'seller_one' })).toBe('Deleted-3f2a9c1e');
  });

  it('keeps the organisation’s own label otherwise', () => {
    expect(erasedHouseName({ id: ID, houseName: 'Warehouse-A', username: 'seller_one' })).toBe('Warehouse-A');
    expect(erasedHouseName({ id: ID, houseName: 'Warehouse-A', username: null })).toBe('Warehouse-A');
  });
});
