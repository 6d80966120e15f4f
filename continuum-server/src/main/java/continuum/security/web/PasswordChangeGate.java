package continuum.security.web;

import java.security.Principal;

import continuum.security.StaffService;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Sends a signed-in user whose password an administrator chose (a new account, or a
 * reset) to {@link AccountController} before any other page: until they choose their own,
 * the administrator could act as them. API requests are not concerned: such an account
 * gets no token.
 */
@Configuration(proxyBeanMethods = false)
class PasswordChangeGate implements HandlerInterceptor, WebMvcConfigurer {

	private final StaffService staff;

	PasswordChangeGate(StaffService staff) {
		this.staff = staff;
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(this)
			.excludePathPatterns(AccountController.PATH, "/api/**", "/login", "/logout", "/error", "/css/**", "/js/**",
					"/webjars/**", "/favicon.ico");
	}

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
			throws Exception {
		Principal principal = request.getUserPrincipal();
		if (principal == null || request.getSession(false) == null
				|| !staff.passwordChangeRequired(principal.getName())) {
			return true;
		}
		response.sendRedirect(request.getContextPath() + AccountController.PATH);
		return false;
	}

}
