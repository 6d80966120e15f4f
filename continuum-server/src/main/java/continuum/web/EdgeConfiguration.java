package continuum.web;

import org.apache.catalina.Host;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * What every request meets before any door's own code: the answer to a database failure,
 * the request guard, and the container's error report in the door's form.
 */
@Configuration(proxyBeanMethods = false)
class EdgeConfiguration {

	/**
	 * Before Spring Security, so that the sign-in form and the token endpoint are guarded
	 * too.
	 */
	@Bean
	FilterRegistrationBean<RequestGuardFilter> requestGuard() {
		FilterRegistrationBean<RequestGuardFilter> registration = new FilterRegistrationBean<>(
				new RequestGuardFilter());
		registration.setOrder(SecurityFilterProperties.DEFAULT_FILTER_ORDER - 10);
		return registration;
	}

	/**
	 * Outside every other filter, Spring Session's included, so that a database failure
	 * met anywhere inside is answered as a 503 before the container's error page would
	 * need the database again.
	 */
	@Bean
	FilterRegistrationBean<DatabaseFailureFilter> databaseFailures() {
		FilterRegistrationBean<DatabaseFailureFilter> registration = new FilterRegistrationBean<>(
				new DatabaseFailureFilter());
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
		return registration;
	}

	/**
	 * Puts {@link ConnectorErrorValve} in the place of the error report valve that Tomcat
	 * and Spring Boot install on the host; ordered after Boot's own customizer, which
	 * adds its valve in a context customizer.
	 */
	@Bean
	WebServerFactoryCustomizer<TomcatServletWebServerFactory> connectorErrors() {
		return new ConnectorErrorsCustomizer();
	}

	private static final class ConnectorErrorsCustomizer
			implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

		@Override
		public void customize(TomcatServletWebServerFactory factory) {
			factory.addContextCustomizers(context -> {
				Host host = (Host) context.getParent();
				for (Valve valve : host.getPipeline().getValves()) {
					if (valve instanceof ErrorReportValve) {
						host.getPipeline().removeValve(valve);
					}
				}
				host.getPipeline().addValve(new ConnectorErrorValve());
				if (host instanceof StandardHost standard) {
					// Otherwise the host adds Tomcat's own valve again when it starts.
					standard.setErrorReportValveClass(ConnectorErrorValve.class.getName());
				}
			});
		}

		@Override
		public int getOrder() {
			return Ordered.LOWEST_PRECEDENCE;
		}

	}

}
