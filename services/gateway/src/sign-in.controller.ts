import { Body, Controller, Get, HttpCode, Inject, NotFoundException, Post, Res } from '@nestjs/common';
import { mintAccessToken } from '@pingyi/auth';
import type { AppConfig } from '@pingyi/config';
import { Role } from '@pingyi/contracts';
import { GATEWAY_CONFIG } from './health.controller';
import { type CodeExchange, OidcExchange, type OidcPublic, oidcSettings } from './oidc';

type HttpResponse = { status(code: number): { json(body: unknown): void } };

/** How the web app signs in here: development tokens, the identity provider (OIDC), or not configured. */
export interface SignInConfig {
  development: boolean;
  /** Where the browser is sent to sign in with the identity provider (production, authorization code + PKCE). */
  oidc: OidcPublic | null;
  /** Root of the demo tree offered on the development sign-in page. */
  demoOrgRoot: string | null;
}

/** Development sign-in only when development mode is explicit and no identity provider is configured. */
export const devSignInEnabled = (config: AppConfig): boolean =>
  (config.NODE_ENV === 'development' || config.NODE_ENV === 'test') && !config.JWKS_URL;

const ORG_PATH = /^[A-Za-z0-9_]{1,64}(\.[A-Za-z0-9_]{1,64}){0,15}$/;
const PERSON_ID = /^[A-Za-z0-9_.:-]{1,80}$/;
/** Development tokens live this long (well under TOKEN_MAX_AGE_SECONDS). */
const DEV_TOKEN_LIFE = '8h';

export function signInConfig(config: AppConfig, env: NodeJS.ProcessEnv = process.env): SignInConfig {
  const oidc = oidcSettings(config, env);
  const root = env['PINGYI_DEMO_ORG_ROOT'];
  return {
    development: devSignInEnabled(config),
    oidc: oidc && { authorizeUrl: oidc.authorizeUrl, clientId: oidc.clientId, scope: oidc.scope },
    demoOrgRoot: devSignInEnabled(config) && root && ORG_PATH.test(root) ? root : null,
  };
}

interface DevTokenRequest {
  role?: unknown;
  orgPath?: unknown;
  personId?: unknown;
  name?: unknown;
}

/**
 * `GET /auth/config` for the web app; `POST /auth/dev-token` mints a token in development only (404 otherwise);
 * `POST /auth/oidc/token` redeems the identity provider's authorization code (404 when OIDC is not configured).
 */
@Controller('auth')
export class SignInController {
  private readonly oidc: OidcExchange | null;

  constructor(@Inject(GATEWAY_CONFIG) private readonly config: AppConfig) {
    const settings = oidcSettings(config, process.env);
    this.oidc = settings && new OidcExchange(config, settings);
  }

  @Get('config')
  signIn(): SignInConfig {
    return signInConfig(this.config);
  }

  @Post('dev-token')
  @HttpCode(200)
  async devToken(@Body() body: DevTokenRequest, @Res() res: HttpResponse): Promise<void> {
    if (!devSignInEnabled(this.config)) throw new NotFoundException();
    const role = Role.safeParse(body?.role);
    const { orgPath, personId, name } = body ?? {};
    const problems = [
      !role.success || role.data === 'public' ? '角色无效' : null,
      typeof orgPath !== 'string' || !ORG_PATH.test(orgPath) ? '组织路径无效' : null,
      typeof personId !== 'string' || !PERSON_ID.test(personId) ? '人员编号无效' : null,
      name !== undefined && (typeof name !== 'string' || name.length > 30) ? '姓名无效' : null,
    ].filter((p): p is string => p !== null);
    if (problems.length > 0 || !role.success) {
      res.status(400).json({ code: 'BAD_INPUT', message: problems.join('；') });
      return;
    }
    const token = await mintAccessToken({
      secret: this.config.JWT_SECRET,
      issuer: this.config.JWT_ISSUER,
      personId: personId as string,
      name: name as string | undefined,
      roles: [role.data],
      orgPath: orgPath as string,
      expiresIn: DEV_TOKEN_LIFE,
    });
    res.status(200).json({ token });
  }

  @Post('oidc/token')
  @HttpCode(200)
  async oidcToken(@Body() body: CodeExchange, @Res() res: HttpResponse): Promise<void> {
    if (!this.oidc) throw new NotFoundException();
    try {
      res.status(200).json({ token: await this.oidc.exchange(body) });
    } catch (e) {
      const refused = this.oidc.refused(e);
      res.status(refused.status).json(refused.body);
    }
  }
}
