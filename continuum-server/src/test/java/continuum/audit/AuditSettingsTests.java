package continuum.audit;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The environment variables the README documents bind to the audit settings. Spring maps
 * variable names (underscores for dots and dashes) only for a property source named as
 * the system environment is, which is why the test's source is named so.
 */
class AuditSettingsTests {

	@Test
	void theDocumentedVariablesBind() {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.addFirst(new SystemEnvironmentPropertySource(
					"test-" + StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
					Map.of("CONTINUUM_AUDIT_KEY_FILE", "/etc/key", "CONTINUUM_AUDIT_SYSLOG_HOST", "audit.example",
							"CONTINUUM_AUDIT_SYSLOG_PORT", "7514", "CONTINUUM_AUDIT_SYSLOG_CA", "/etc/ca.pem",
							"CONTINUUM_AUDIT_SYSLOG_CERTIFICATE", "/etc/c.pem", "CONTINUUM_AUDIT_SYSLOG_KEY",
							"/etc/c.key", "CONTINUUM_AUDIT_SYSLOG_SITE", "HOSPITAL",
							"CONTINUUM_AUDIT_CHECKPOINT_INTERVAL", "5m")));
		ConfigurationPropertySources.attach(environment);
		AuditSettings settings = Binder.get(environment).bind("continuum.audit", AuditSettings.class).get();
		assertThat(settings.key().file()).isEqualTo("/etc/key");
		assertThat(settings.syslog().host()).isEqualTo("audit.example");
		assertThat(settings.syslog().port()).isEqualTo(7514);
		assertThat(settings.syslog().ca()).isEqualTo("/etc/ca.pem");
		assertThat(settings.syslog().certificate()).isEqualTo("/etc/c.pem");
		assertThat(settings.syslog().key()).isEqualTo("/etc/c.key");
		assertThat(settings.syslog().site()).isEqualTo("HOSPITAL");
		assertThat(settings.checkpointInterval()).isEqualTo(Duration.ofMinutes(5));
	}

	@Test
	void withoutAHostNothingIsExported() {
		AuditSettings settings = new Binder(ConfigurationPropertySources.get(new StandardEnvironment()))
			.bindOrCreate("continuum.audit", AuditSettings.class);
		assertThat(settings.syslog().enabled()).isFalse();
		assertThat(settings.syslog().port()).isEqualTo(6514);
	}

}
