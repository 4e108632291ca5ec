/** What other modules may use of the eBay proxy: the module itself (nothing uses it so far). */
export { EbayProxyModule } from './ebay-proxy.module';
