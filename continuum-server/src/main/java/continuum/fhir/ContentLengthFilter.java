package continuum.fhir;

import java.io.IOException;
import java.io.PrintWriter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Sends FHIR responses that fit in the response buffer with a {@code Content-Length}
 * instead of chunked. HAPI flushes its writer after encoding, which commits the response
 * before its length is known; ignoring the flush lets the container count the bytes when
 * the response ends, so clients read one body without chunk framing. Larger responses
 * still stream, chunked, once the buffer fills.
 */
class ContentLengthFilter extends OncePerRequestFilter {

	private final int bufferBytes;

	ContentLengthFilter(int bufferBytes) {
		this.bufferBytes = bufferBytes;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		response.setBufferSize(bufferBytes);
		chain.doFilter(request, new UnflushedResponse(response));
	}

	/** A response whose flushes wait for the end of the request. */
	private static final class UnflushedResponse extends HttpServletResponseWrapper {

		private PrintWriter writer;

		private ServletOutputStream stream;

		UnflushedResponse(HttpServletResponse response) {
			super(response);
		}

		@Override
		public void flushBuffer() {
		}

		@Override
		public PrintWriter getWriter() throws IOException {
			if (writer == null) {
				writer = new PrintWriter(super.getWriter(), false) {
					@Override
					public void flush() {
					}
				};
			}
			return writer;
		}

		@Override
		public ServletOutputStream getOutputStream() throws IOException {
			if (stream == null) {
				ServletOutputStream out = super.getOutputStream();
				stream = new ServletOutputStream() {
					@Override
					public void write(int b) throws IOException {
						out.write(b);
					}

					@Override
					public void write(byte[] b, int off, int len) throws IOException {
						out.write(b, off, len);
					}

					@Override
					public void flush() {
					}

					@Override
					public void close() throws IOException {
						out.close();
					}

					@Override
					public boolean isReady() {
						return out.isReady();
					}

					@Override
					public void setWriteListener(WriteListener listener) {
						out.setWriteListener(listener);
					}
				};
			}
			return stream;
		}

	}

}
