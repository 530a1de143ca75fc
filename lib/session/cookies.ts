import { CookieJar } from 'tough-cookie';
import { setCookieLines, type HttpResponse } from './transport';

/** The session's cookies: a tough-cookie jar that serialises into the stored session state. */
export class SessionCookies {
	private constructor(private jar: CookieJar) {}

	static empty(): SessionCookies {
		return new SessionCookies(new CookieJar());
	}

	static restore(serialized: unknown): SessionCookies {
		if (!serialized) return SessionCookies.empty();
		return new SessionCookies(CookieJar.deserializeSync(serialized as string));
	}

	headerFor(url: string): string {
		return this.jar.getCookieStringSync(url);
	}

	keepFrom(url: string, response: HttpResponse): void {
		for (const line of setCookieLines(response)) this.jar.setCookieSync(line, url, { ignoreError: true });
	}

	set(url: string, name: string, value: string, maxAgeSeconds?: number): void {
		const age = maxAgeSeconds === undefined ? '' : `; Max-Age=${maxAgeSeconds}`;
		this.jar.setCookieSync(`${name}=${value}; Path=/${age}`, url, { ignoreError: true });
	}

	get(url: string, name: string): string | undefined {
		return this.jar.getCookiesSync(url).find((c) => c.key === name)?.value;
	}

	/** Keeps only the named cookies (e.g. the remembered device) and drops the rest. */
	keepOnly(url: string, names: string[]): SessionCookies {
		const fresh = SessionCookies.empty();
		for (const cookie of this.jar.getCookiesSync(url)) {
			if (names.includes(cookie.key)) fresh.jar.setCookieSync(cookie, url, { ignoreError: true });
		}
		return fresh;
	}

	serialize(): unknown {
		return this.jar.serializeSync();
	}
}
