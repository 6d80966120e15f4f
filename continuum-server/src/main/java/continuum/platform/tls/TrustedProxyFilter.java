package continuum.platform.tls;

import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Forwarded headers ({@code X-Forwarded-For}, {@code -Proto}, {@code -Host},
 * {@code -Port}) from a trusted proxy only. From a peer in {@code trusted-proxies}, the
 * request's remote address becomes the client's: the right-most {@code X-Forwarded-For}
 * entry that is not itself a trusted proxy (entries to its left are whatever the client
 * sent, so they are never believed); its scheme, host and port become the proxy's
 * {@code X-Forwarded-*} values, so that HTTPS ended at the proxy counts as secure (Secure
 * cookies, HSTS, redirects). From any other peer these headers and {@code Forwarded} are
 * removed, so that nothing further in (audit, redirects) can be fooled by them.
 */
final class TrustedProxyFilter extends OncePerRequestFilter {

	private static final List<String> FORWARDED = List.of("forwarded", "x-forwarded-for", "x-forwarded-proto",
			"x-forwarded-host", "x-forwarded-port", "x-forwarded-prefix", "x-forwarded-ssl");

	private final List<AddressRange> proxies;

	TrustedProxyFilter(List<AddressRange> proxies) {
		this.proxies = proxies;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (!trusted(request.getRemoteAddr())) {
			chain.doFilter(hasForwardedHeaders(request) ? new WithoutForwardedHeaders(request) : request, response);
			return;
		}
		String client = client(request);
		String proto = last(request.getHeader("X-Forwarded-Proto"));
		String host = last(request.getHeader("X-Forwarded-Host"));
		String port = last(request.getHeader("X-Forwarded-Port"));
		chain.doFilter(new Forwarded(request, client, proto, host, port), response);
	}

	private boolean trusted(String address) {
		return proxies.stream().anyMatch(range -> range.contains(address));
	}

	private @Nullable String client(HttpServletRequest request) {
		List<String> hops = Collections.list(request.getHeaders("X-Forwarded-For"))
			.stream()
			.flatMap(value -> List.of(value.split(",")).stream())
			.map(String::trim)
			.filter(hop -> !hop.isEmpty())
			.toList();
		for (int i = hops.size() - 1; i >= 0; i--) {
			String hop = stripPort(hops.get(i));
			if (!trusted(hop)) {
				return LocalCertificates.isAddress(hop) ? hop : null;
			}
		}
		return hops.isEmpty() ? null : stripPort(hops.get(0));
	}

	/** {@code 192.0.2.1:4711} or {@code [2001:db8::1]:4711} to the address alone. */
	private static String stripPort(String hop) {
		if (hop.startsWith("[")) {
			int end = hop.indexOf(']');
			return end < 0 ? hop : hop.substring(1, end);
		}
		int colon = hop.indexOf(':');
		return colon > 0 && hop.indexOf(':', colon + 1) < 0 ? hop.substring(0, colon) : hop;
	}

	private static @Nullable String last(@Nullable String header) {
		if (header == null || header.isBlank()) {
			return null;
		}
		String[] values = header.split(",");
		return values[values.length - 1].trim();
	}

	private static boolean hasForwardedHeaders(HttpServletRequest request) {
		for (String name : FORWARDED) {
			if (request.getHeader(name) != null) {
				return true;
			}
		}
		return false;
	}

	private static boolean isForwardedHeader(String name) {
		return FORWARDED.contains(name.toLowerCase(Locale.ROOT));
	}

	/** A request from an untrusted peer, its forwarded headers hidden. */
	private static class WithoutForwardedHeaders extends HttpServletRequestWrapper {

		WithoutForwardedHeaders(HttpServletRequest request) {
			super(request);
		}

		@Override
		public @Nullable String getHeader(String name) {
			return isForwardedHeader(name) ? null : super.getHeader(name);
		}

		@Override
		public Enumeration<String> getHeaders(String name) {
			return isForwardedHeader(name) ? Collections.emptyEnumeration() : super.getHeaders(name);
		}

		@Override
		public Enumeration<String> getHeaderNames() {
			return Collections.enumeration(
					Collections.list(super.getHeaderNames()).stream().filter(n -> !isForwardedHeader(n)).toList());
		}

	}

	/** A request through a trusted proxy, seen as the client made it. */
	private static final class Forwarded extends WithoutForwardedHeaders {

		private final @Nullable String client;

		private final @Nullable String scheme;

		private final @Nullable String host;

		private final int port;

		Forwarded(HttpServletRequest request, @Nullable String client, @Nullable String proto, @Nullable String host,
				@Nullable String port) {
			super(request);
			this.client = client;
			this.scheme = "https".equalsIgnoreCase(proto) ? "https" : "http".equalsIgnoreCase(proto) ? "http" : null;
			String hostOnly = host;
			int hostPort = -1;
			if (host != null && host.lastIndexOf(':') > host.lastIndexOf(']')) {
				hostOnly = host.substring(0, host.lastIndexOf(':'));
				hostPort = parsePort(host.substring(host.lastIndexOf(':') + 1));
			}
			this.host = hostOnly;
			int forwardedPort = port == null ? -1 : parsePort(port);
			this.port = forwardedPort > 0 ? forwardedPort : hostPort;
		}

		@Override
		public String getRemoteAddr() {
			return client != null ? client : super.getRemoteAddr();
		}

		@Override
		public String getRemoteHost() {
			return getRemoteAddr();
		}

		@Override
		public String getScheme() {
			return scheme != null ? scheme : super.getScheme();
		}

		@Override
		public boolean isSecure() {
			return scheme != null ? "https".equals(scheme) : super.isSecure();
		}

		@Override
		public String getServerName() {
			return host != null ? host : super.getServerName();
		}

		@Override
		public int getServerPort() {
			if (port > 0) {
				return port;
			}
			if (scheme != null) {
				return "https".equals(scheme) ? 443 : 80;
			}
			return super.getServerPort();
		}

		@Override
		public StringBuffer getRequestURL() {
			StringBuffer url = new StringBuffer(getScheme()).append("://").append(getServerName());
			int serverPort = getServerPort();
			if (!("https".equals(getScheme()) && serverPort == 443)
					&& !("http".equals(getScheme()) && serverPort == 80)) {
				url.append(':').append(serverPort);
			}
			return url.append(getRequestURI());
		}

		private static int parsePort(String text) {
			try {
				int value = Integer.parseInt(text.trim());
				return value > 0 && value < 65536 ? value : -1;
			}
			catch (NumberFormatException ex) {
				return -1;
			}
		}

	}

}
