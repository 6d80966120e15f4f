package continuum.fhir;

import java.io.IOException;

import continuum.platform.RequestTooLargeException;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Caps FHIR request bodies, including chunked ones without a {@code Content-Length}:
 * reading past the limit throws {@link RequestTooLargeException}, which the FHIR server
 * answers with 413 and an OperationOutcome; nothing is parsed or written.
 */
class RequestBodyLimitFilter extends OncePerRequestFilter {

	private final long maximumBytes;

	RequestBodyLimitFilter(long maximumBytes) {
		this.maximumBytes = maximumBytes;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		chain.doFilter(new HttpServletRequestWrapper(request) {
			private ServletInputStream limited;

			@Override
			public ServletInputStream getInputStream() throws IOException {
				if (limited == null) {
					limited = new LimitedInputStream(super.getInputStream(), maximumBytes);
				}
				return limited;
			}
		}, response);
	}

	private static final class LimitedInputStream extends ServletInputStream {

		private final ServletInputStream delegate;

		private final long limit;

		private long read;

		LimitedInputStream(ServletInputStream delegate, long limit) {
			this.delegate = delegate;
			this.limit = limit;
		}

		@Override
		public int read() throws IOException {
			int b = delegate.read();
			if (b >= 0) {
				count(1);
			}
			return b;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			int n = delegate.read(buffer, offset, length);
			if (n > 0) {
				count(n);
			}
			return n;
		}

		private void count(int n) {
			read += n;
			if (read > limit) {
				throw new RequestTooLargeException("Request body exceeds the limit of " + limit + " bytes");
			}
		}

		@Override
		public boolean isFinished() {
			return delegate.isFinished();
		}

		@Override
		public boolean isReady() {
			return delegate.isReady();
		}

		@Override
		public void setReadListener(ReadListener listener) {
			delegate.setReadListener(listener);
		}

	}

}
