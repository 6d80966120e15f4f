package continuum.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The settings of the second factor and of the two-person rule, and a warning at every
 * start that names the accounts exempted from a required second factor.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ SecondFactorSettings.class, StaffApprovalSettings.class })
class SecondFactorConfiguration {

	private static final Logger log = LoggerFactory.getLogger(SecondFactorConfiguration.class);

	@Bean
	ApplicationRunner exemptAccountsWarning(SecondFactorSettings settings) {
		return (ApplicationArguments args) -> {
			if (!settings.exemptAccounts().isEmpty()) {
				log.warn(
						"These accounts sign in without a second factor even where one is required "
								+ "(continuum.security.second-factor.exempt-accounts, for test environments only): {}",
						String.join(", ", settings.exemptAccounts()));
			}
		};
	}

}
