package continuum.smart;

import java.io.IOException;

import tools.jackson.databind.json.JsonMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Serves the SMART configuration at {@code /.well-known/smart-configuration} and at the
 * FHIR base's {@code /fhir/.well-known/smart-configuration} (where SMART apps look: the
 * FHIR servlet would take that path for a resource type), to anyone: it holds no secret.
 */
class SmartDiscoveryFilter extends OncePerRequestFilter {

	static final String ROOT_PATH = "/.well-known/smart-configuration";

	static final String FHIR_PATH = "/fhir/.well-known/smart-configuration";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (!"GET".equals(request.getMethod()) && !"HEAD".equals(request.getMethod())) {
			response.setHeader("Allow", "GET, HEAD");
			response.sendError(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
			return;
		}
		byte[] body = JSON.writeValueAsBytes(SmartDiscovery.document(request));
		response.setStatus(HttpServletResponse.SC_OK);
		response.setContentType("application/json");
		response.setHeader("Cache-Control", "max-age=300");
		response.setContentLength(body.length);
		if ("GET".equals(request.getMethod())) {
			response.getOutputStream().write(body);
		}
	}

}
