package continuum.fhir;

import java.util.List;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.RestfulServer;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Registers the FHIR R4 server on {@code /fhir/*} with every {@link IResourceProvider}
 * and {@link PlainProvider} bean and every HAPI {@link Interceptor} bean of every module.
 */
@Configuration(proxyBeanMethods = false)
class FhirServerConfiguration {

	@Bean
	FhirContext fhirContext() {
		FhirContext context = FhirContext.forR4Cached();
		context.getParserOptions().setStripVersionsFromReferences(false);
		return context;
	}

	@Bean
	FhirServer fhirServer(FhirContext context, List<IResourceProvider> providers, List<PlainProvider> plainProviders,
			FhirSettings settings, ListableBeanFactory beans, PlatformTransactionManager transactions) {
		FhirServer server = new FhirServer(context);
		server.setResourceProviders(providers.toArray(IResourceProvider[]::new));
		server.registerProviders(List.copyOf(plainProviders));
		// Batch and transaction Bundles at the base, each entry through those providers.
		server.registerProvider(new TransactionProvider(server, transactions, settings.maximumBundleEntries()));
		server.setDefaultResponseEncoding(EncodingEnum.JSON);
		server.setDefaultPrettyPrint(false);
		server.setImplementationDescription("Continuum FHIR R4 API");
		server.setServerName("Continuum");
		server.setServerVersion("0.1.0");
		server.setDefaultPageSize(settings.defaultPageSize());
		server.setMaximumPageSize(settings.maximumPageSize());
		server.registerInterceptor(new DomainExceptionInterceptor());
		server.registerInterceptor(new CapabilityStatementInterceptor());
		server.registerInterceptor(new RequestSizeInterceptor(settings.maximumRequestSize().toBytes()));
		server.registerInterceptor(new RequestBodyInterceptor(context));
		server.registerInterceptor(new SearchHandlingInterceptor());
		server.registerInterceptor(new ConditionalWriteInterceptor());
		// The modules' own interceptors, such as security's access check.
		beans.getBeansWithAnnotation(Interceptor.class).values().forEach(server::registerInterceptor);
		return server;
	}

	@Bean
	ServletRegistrationBean<RestfulServer> fhirServlet(FhirServer server) {
		ServletRegistrationBean<RestfulServer> registration = new ServletRegistrationBean<>(server, "/fhir/*");
		registration.setName("fhir");
		registration.setLoadOnStartup(1);
		return registration;
	}

	@Bean
	FilterRegistrationBean<RequestBodyLimitFilter> fhirRequestBodyLimit(FhirSettings settings) {
		FilterRegistrationBean<RequestBodyLimitFilter> registration = new FilterRegistrationBean<>(
				new RequestBodyLimitFilter(settings.maximumRequestSize().toBytes()));
		registration.addUrlPatterns("/fhir/*");
		// Right after Spring Security, so that every later filter that reads the body
		// (the idempotency keys') reads it within the limit.
		registration.setOrder(SecurityFilterProperties.DEFAULT_FILTER_ORDER + 1);
		return registration;
	}

	/**
	 * After Spring Security's filters, so that only authenticated requests reach it, with
	 * the security headers of any response.
	 */
	@Bean
	FilterRegistrationBean<DirectReadFilter> fhirDirectRead(List<DirectRead> reads, FhirServer server) {
		FilterRegistrationBean<DirectReadFilter> registration = new FilterRegistrationBean<>(
				new DirectReadFilter(reads, server));
		registration.addUrlPatterns("/fhir/*");
		registration.setOrder(SecurityFilterProperties.DEFAULT_FILTER_ORDER + 10);
		return registration;
	}

	/**
	 * After Spring Security's filters: an unauthenticated request is refused as such
	 * first.
	 */
	@Bean
	FilterRegistrationBean<QueryEncodingFilter> fhirQueryEncoding() {
		FilterRegistrationBean<QueryEncodingFilter> registration = new FilterRegistrationBean<>(
				new QueryEncodingFilter());
		registration.addUrlPatterns("/fhir/*");
		registration.setOrder(SecurityFilterProperties.DEFAULT_FILTER_ORDER + 5);
		return registration;
	}

	@Bean
	FilterRegistrationBean<ContentLengthFilter> fhirContentLength() {
		FilterRegistrationBean<ContentLengthFilter> registration = new FilterRegistrationBean<>(
				new ContentLengthFilter(32 * 1024));
		registration.addUrlPatterns("/fhir/*");
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 100);
		return registration;
	}

}
