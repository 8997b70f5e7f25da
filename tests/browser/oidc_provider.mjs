// A real OpenID Connect provider for the sign-in tests: panva's oidc-provider (npm), on a loopback port.
//
//   node oidc_provider.mjs CONFIG.json
//
// CONFIG.json: {"port": 0, "client_id": "...", "client_secret": "...", "redirect_uris": ["http://localhost:APP/oauth2callback"],
//               "accounts": {"alice": {"email": "alice@example.com", "name": "Alice Archer"}, ...}}
// Its development login form (devInteractions) takes any password; the login name picks the account, and
// a name not in "accounts" is refused. The settings are the ones Streamlit's st.login needs (see
// ../shared/RECIPES.md): claims in the ID token (conformIdTokenClaims: false), RP-initiated logout, and
// the issuer on "localhost", the host the browser uses. Prints "listening <issuer>" once it serves.

import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";

const config = JSON.parse(readFileSync(process.argv[2], "utf8"));
// Installed with `npm --prefix $OIDC_PROVIDER_PREFIX install oidc-provider@9.13.3` (the test fixture does it once).
const require = createRequire(join(process.env.OIDC_PROVIDER_PREFIX, "noop.js"));
const { default: Provider } = await import(require.resolve("oidc-provider"));

const issuer = `http://localhost:${config.port}`;
const provider = new Provider(issuer, {
  clients: [{
    client_id: config.client_id,
    client_secret: config.client_secret,
    redirect_uris: config.redirect_uris,  // one per app served for the tests (SQLite, PostgreSQL)
    post_logout_redirect_uris: config.redirect_uris,
    token_endpoint_auth_method: "client_secret_basic",
    grant_types: ["authorization_code"],
    response_types: ["code"],
  }],
  claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
  conformIdTokenClaims: false,
  features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true } },
  cookies: { keys: ["ldpitch-tests-only"] },
  async findAccount(ctx, id) {
    const account = config.accounts[id];
    if (!account) return undefined;
    return {
      accountId: id,
      async claims() {
        return { sub: id, email: account.email, email_verified: true, name: account.name };
      },
    };
  },
});
provider.on("server_error", (ctx, error) => console.error("server_error", error));
const server = provider.listen(config.port, "127.0.0.1", () => console.log(`listening ${issuer}`));
for (const signal of ["SIGTERM", "SIGINT"]) process.on(signal, () => server.close(() => process.exit(0)));
