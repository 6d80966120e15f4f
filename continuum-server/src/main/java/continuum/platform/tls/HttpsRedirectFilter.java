package continuum.platform.tls;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The plain HTTP port only points to HTTPS: every request that did not come over TLS
 * (directly or through a trusted proxy that ended it) is answered 308 Permanent Redirect
 * (RFC 9110 §15.4.9: the method and body are kept) to the same path and query on the
 * HTTPS port, with no body; nothing of the request reaches the application. With
 * {@code plain-http=loopback}, callers on a loopback address are served instead (local
 * tools, tests, a reverse proxy on the same machine).
 */
final class HttpsRedirectFilter extends OncePerRequestFilter {

	private final HttpsConnector https;

	HttpsRedirectFilter(HttpsConnector https) {
		this.https = https;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (request.isSecure() || (https.plainHttpForLoopback() && isLoopback(request.getRemoteAddr()))) {
			chain.doFilter(request, response);
			return;
		}
		String host = request.getServerName();
		if (host.contains(":") && !host.startsWith("[")) {
			host = "[" + host + "]";
		}
		int port = https.port();
		StringBuilder location = new StringBuilder("https://").append(host);
		if (port != 443) {
			location.append(':').append(port);
		}
		location.append(request.getRequestURI());
		if (request.getQueryString() != null) {
			location.append('?').append(request.getQueryString());
		}
		response.setStatus(HttpServletResponse.SC_PERMANENT_REDIRECT);
		response.setHeader("Location", location.toString());
		response.setContentLength(0);
	}

	static boolean isLoopback(String address) {
		return address.startsWith("127.") || address.equals("0:0:0:0:0:0:0:1") || address.equals("::1");
	}

}
