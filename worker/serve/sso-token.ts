/**
 * A Microsoft 365 single sign-on token as the add-in gets it (Office's getAccessToken): a JWT that
 * Microsoft's identity platform signed for the garage's tenant, addressed to the add-in's
 * application. Accepted instead of the pairing key where `serve.sso` is configured, so a garage
 * on Microsoft 365 pairs nobody's pane by hand.
 *
 * Checked with `jose`: the signature against the tenant's published keys (fetched once, then
 * cached and refreshed as Microsoft rotates them), the issuer (this tenant), the audience (this
 * add-in), and the times (not expired, not before its start).
 */
import { createRemoteJWKSet, errors, jwtVerify } from 'jose';

export interface SsoConfig {
  /** The garage's Microsoft 365 tenant (a GUID). */
  tenantId: string;
  /** The add-in's application ID URI or client id, as the token's `aud` carries it. */
  audience: string;
  /** Where the tenant's signing keys are published; Microsoft's by default (tests point it at a loopback server). */
  keysUrl: string;
  /** Who signs the tokens: Microsoft's v2.0 issuer for the tenant by default. */
  issuer: string;
}

export const ssoDefaults = (tenantId: string) => ({
  keysUrl: `https://login.microsoftonline.com/${tenantId}/discovery/v2.0/keys`,
  issuer: `https://login.microsoftonline.com/${tenantId}/v2.0`,
});

export type SsoCheck = { accepted: true; user: string } | { accepted: false; reason: string };

/** A JWT has three dot-separated parts; a pairing key has none. */
export const looksLikeToken = (bearer: string) => bearer.split('.').length === 3;

export function ssoChecker(config: SsoConfig): (token: string) => Promise<SsoCheck> {
  const keys = createRemoteJWKSet(new URL(config.keysUrl));
  return async (token) => {
    try {
      const { payload } = await jwtVerify(token, keys, { issuer: config.issuer, audience: config.audience, algorithms: ['RS256'], clockTolerance: 60 });
      const user = String(payload.preferred_username ?? payload.upn ?? payload.oid ?? payload.sub ?? 'a Microsoft 365 user');
      return { accepted: true, user };
    } catch (error) {
      return { accepted: false, reason: ssoRefusal(error as Error) };
    }
  };
}

/** Why a token was refused, in words the pane can show. */
function ssoRefusal(error: Error): string {
  if (error instanceof errors.JWTExpired) return 'the Microsoft 365 sign-in has expired: sign in again';
  if (error instanceof errors.JWTClaimValidationFailed && error.claim === 'aud') return 'the Microsoft 365 sign-in is for another application, not this add-in: check serve.sso.audience';
  if (error instanceof errors.JWTClaimValidationFailed && error.claim === 'iss') return "the Microsoft 365 sign-in is from another organisation, not this garage's tenant: check serve.sso.tenantId";
  if (error instanceof errors.JWKSNoMatchingKey || error instanceof errors.JWSSignatureVerificationFailed) return 'the Microsoft 365 sign-in was not signed by Microsoft for this tenant';
  if (error instanceof errors.JWKSTimeout || !(error instanceof errors.JOSEError)) return `Microsoft's signing keys could not be fetched (${error.message}): check this computer reaches login.microsoftonline.com`;
  return `the Microsoft 365 sign-in could not be checked (${error.message})`;
}
