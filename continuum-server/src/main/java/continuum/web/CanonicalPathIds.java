package continuum.web;

import java.util.Map;

import continuum.fhir.ResourceIds;
import continuum.platform.NotFoundException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.core.DefaultParameterNameDiscoverer;
import org.springframework.core.MethodParameter;
import org.springframework.core.ParameterNameDiscoverer;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Pages read numeric ids in their paths by the rule FHIR requests follow
 * ({@link ResourceIds}): only the canonical decimal form names a record, so
 * {@code /patients/007/edit} is a 404, never the page of patient 7. Spring alone would
 * convert {@code 007}, {@code +7} or {@code 0007} to 7. Every numeric path variable of
 * every page is checked here, so a new controller follows the rule without code of its
 * own.
 */
@Component
class CanonicalPathIds implements HandlerInterceptor, WebMvcConfigurer {

	private static final ParameterNameDiscoverer NAMES = new DefaultParameterNameDiscoverer();

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(this);
	}

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
		if (!(handler instanceof HandlerMethod method)) {
			return true;
		}
		@SuppressWarnings("unchecked")
		Map<String, String> variables = (Map<String, String>) request
			.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
		if (variables == null || variables.isEmpty()) {
			return true;
		}
		for (MethodParameter parameter : method.getMethodParameters()) {
			PathVariable path = parameter.getParameterAnnotation(PathVariable.class);
			if (path == null || !isNumber(parameter.getParameterType())) {
				continue;
			}
			String name = name(path, method, parameter);
			String value = name == null ? null : variables.get(name);
			if (value != null && ResourceIds.parse(value).isEmpty()) {
				throw new NotFoundException("No page at this address: '" + name + "' is not an id");
			}
		}
		return true;
	}

	private static @Nullable String name(PathVariable path, HandlerMethod method, MethodParameter parameter) {
		if (!path.name().isEmpty()) {
			return path.name();
		}
		if (!path.value().isEmpty()) {
			return path.value();
		}
		String[] names = NAMES.getParameterNames(method.getMethod());
		return names == null ? null : names[parameter.getParameterIndex()];
	}

	private static boolean isNumber(Class<?> type) {
		return type == long.class || type == Long.class || type == int.class || type == Integer.class;
	}

}
