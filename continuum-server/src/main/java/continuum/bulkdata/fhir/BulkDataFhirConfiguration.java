package continuum.bulkdata.fhir;

import continuum.bulkdata.BulkExportService;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Puts the exports' status URLs and files ({@link ExportJobFilter}) in front of the FHIR
 * server, after Spring Security's filters: only authenticated requests reach it, with the
 * security headers of any response.
 */
@Configuration(proxyBeanMethods = false)
class BulkDataFhirConfiguration {

	@Bean
	FilterRegistrationBean<ExportJobFilter> bulkExportJobs(BulkExportService exports) {
		FilterRegistrationBean<ExportJobFilter> registration = new FilterRegistrationBean<>(
				new ExportJobFilter(exports));
		registration.addUrlPatterns("/fhir" + ExportKickOff.JOB_PATH + "*");
		registration.setOrder(SecurityFilterProperties.DEFAULT_FILTER_ORDER + 10);
		return registration;
	}

}
