/**
 * Who is calling. Authenticates every request from a bearer credential: a JWT from the configured OIDC issuer,
 * a JWT from Haven's built-in sign-in for local accounts, an app's API key or a user's personal access token.
 * Owns users (keyed by issuer and subject), local accounts with lockout, the first administrator, signing keys,
 * and API tokens (shown once, stored as hashes, with expiry and revocation).
 */
package org.haven.server.identity;
