/** The signed-in caller, as guards and controllers see it. Their org is their own id. */
export interface AuthUser {
  readonly id: string;
  readonly email: string;
  readonly isAdmin: boolean;
}
