package continuum.notifications;

import java.net.URI;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The documented CONTINUUM_NOTIFICATIONS_* environment variables bind to the settings,
 * the defaults are the documented ones, and a lease shorter than a send is refused.
 */
class NotificationsSettingsTests {

	private static NotificationsSettings bind(Map<String, Object> variables) {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.addFirst(new SystemEnvironmentPropertySource("test-systemEnvironment", variables));
		ConfigurationPropertySources.attach(environment);
		return Binder.get(environment).bindOrCreate("continuum.notifications", NotificationsSettings.class);
	}

	@Test
	void documentedVariablesBind() {
		NotificationsSettings settings = bind(Map.ofEntries(Map.entry("CONTINUUM_NOTIFICATIONS_ENABLED", "false"),
				Map.entry("CONTINUUM_NOTIFICATIONS_SMTP_HOST", "mail.hospital.example"),
				Map.entry("CONTINUUM_NOTIFICATIONS_SMTP_PORT", "587"),
				Map.entry("CONTINUUM_NOTIFICATIONS_SMTP_USERNAME", "continuum"),
				Map.entry("CONTINUUM_NOTIFICATIONS_SMTP_PASSWORD", "secret"),
				Map.entry("CONTINUUM_NOTIFICATIONS_SMTP_FROM", "afspraken@hospital.example"),
				Map.entry("CONTINUUM_NOTIFICATIONS_SMTP_STARTTLS", "true"),
				Map.entry("CONTINUUM_NOTIFICATIONS_SMTP_TIMEOUT", "10s"),
				Map.entry("CONTINUUM_NOTIFICATIONS_SMS_URL", "https://sms.hospital.example/send"),
				Map.entry("CONTINUUM_NOTIFICATIONS_SMS_TOKEN", "gateway-token"),
				Map.entry("CONTINUUM_NOTIFICATIONS_SMS_TIMEOUT", "5s"),
				Map.entry("CONTINUUM_NOTIFICATIONS_DEFAULT_LANGUAGE", "fr"),
				Map.entry("CONTINUUM_NOTIFICATIONS_ZONE", "Europe/Paris"),
				Map.entry("CONTINUUM_NOTIFICATIONS_REMINDER_LEAD", "48h"),
				Map.entry("CONTINUUM_NOTIFICATIONS_MAX_ATTEMPTS", "5"),
				Map.entry("CONTINUUM_NOTIFICATIONS_BACKOFF_BASE", "1m"),
				Map.entry("CONTINUUM_NOTIFICATIONS_BACKOFF_MAX", "2h"),
				Map.entry("CONTINUUM_NOTIFICATIONS_LEASE", "5m"),
				Map.entry("CONTINUUM_NOTIFICATIONS_POLL_INTERVAL", "3s"),
				Map.entry("CONTINUUM_NOTIFICATIONS_WORKERS", "4"),
				Map.entry("CONTINUUM_NOTIFICATIONS_BATCH_SIZE", "7")));
		assertThat(settings.enabled()).isFalse();
		assertThat(settings.smtp().host()).isEqualTo("mail.hospital.example");
		assertThat(settings.smtp().port()).isEqualTo(587);
		assertThat(settings.smtp().username()).isEqualTo("continuum");
		assertThat(settings.smtp().password()).isEqualTo("secret");
		assertThat(settings.smtp().from()).isEqualTo("afspraken@hospital.example");
		assertThat(settings.smtp().starttls()).isTrue();
		assertThat(settings.smtp().timeout()).isEqualTo(Duration.ofSeconds(10));
		assertThat(settings.sms().url()).isEqualTo(URI.create("https://sms.hospital.example/send"));
		assertThat(settings.sms().token()).isEqualTo("gateway-token");
		assertThat(settings.sms().timeout()).isEqualTo(Duration.ofSeconds(5));
		assertThat(settings.defaultLanguage()).isEqualTo("fr");
		assertThat(settings.zone()).isEqualTo(ZoneId.of("Europe/Paris"));
		assertThat(settings.reminderLead()).isEqualTo(Duration.ofHours(48));
		assertThat(settings.maxAttempts()).isEqualTo(5);
		assertThat(settings.backoffBase()).isEqualTo(Duration.ofMinutes(1));
		assertThat(settings.backoffMax()).isEqualTo(Duration.ofHours(2));
		assertThat(settings.lease()).isEqualTo(Duration.ofMinutes(5));
		assertThat(settings.pollInterval()).isEqualTo(Duration.ofSeconds(3));
		assertThat(settings.workers()).isEqualTo(4);
		assertThat(settings.batchSize()).isEqualTo(7);
	}

	@Test
	void defaultsSendNothingAndRemindADayAhead() {
		NotificationsSettings settings = bind(Map.of());
		assertThat(settings.enabled()).isTrue();
		assertThat(settings.smtp().configured()).isFalse();
		assertThat(settings.sms().configured()).isFalse();
		assertThat(settings.defaultLanguage()).isEqualTo("nl");
		assertThat(settings.zone()).isEqualTo(ZoneId.of("Europe/Brussels"));
		assertThat(settings.reminderLead()).isEqualTo(Duration.ofHours(24));
		assertThat(settings.maxAttempts()).isEqualTo(8);
		assertThat(settings.lease()).isEqualTo(Duration.ofMinutes(2));
	}

	@Test
	void smtpCredentialsRequireStarttlsUnlessExplicitlyTurnedOff() {
		assertThat(bind(Map.of("CONTINUUM_NOTIFICATIONS_SMTP_HOST", "mail.hospital.example")).smtp().starttlsRequired())
			.isFalse();
		assertThat(bind(Map.of("CONTINUUM_NOTIFICATIONS_SMTP_HOST", "mail.hospital.example",
				"CONTINUUM_NOTIFICATIONS_SMTP_USERNAME", "continuum"))
			.smtp()
			.starttlsRequired()).isTrue();
		assertThat(bind(Map.of("CONTINUUM_NOTIFICATIONS_SMTP_HOST", "mail.hospital.example",
				"CONTINUUM_NOTIFICATIONS_SMTP_USERNAME", "continuum", "CONTINUUM_NOTIFICATIONS_SMTP_STARTTLS", "false"))
			.smtp()
			.starttlsRequired()).isFalse();
	}

	@Test
	void refusesAPlainHttpSmsGatewayUnlessExplicitlyAllowed() {
		assertThatThrownBy(() -> bind(Map.of("CONTINUUM_NOTIFICATIONS_SMS_URL", "http://sms.hospital.example/send")))
			.isInstanceOf(BindException.class)
			.hasStackTraceContaining("continuum.notifications.sms.url must be an https:// URL")
			.hasStackTraceContaining("CONTINUUM_NOTIFICATIONS_SMS_ALLOWPLAINHTTP=true");
		assertThatThrownBy(() -> bind(Map.of("CONTINUUM_NOTIFICATIONS_SMS_URL", "ftp://sms.hospital.example/send",
				"CONTINUUM_NOTIFICATIONS_SMS_ALLOWPLAINHTTP", "true")))
			.isInstanceOf(BindException.class);
		assertThat(bind(Map.of("CONTINUUM_NOTIFICATIONS_SMS_URL", "http://127.0.0.1:9000/send",
				"CONTINUUM_NOTIFICATIONS_SMS_ALLOWPLAINHTTP", "true"))
			.sms()
			.url()).isEqualTo(URI.create("http://127.0.0.1:9000/send"));
	}

	@Test
	void refusesALeaseThatASendCouldOutlast() {
		assertThatThrownBy(() -> bind(Map.of("CONTINUUM_NOTIFICATIONS_SMS_TIMEOUT", "1m")))
			.isInstanceOf(BindException.class)
			.hasStackTraceContaining("lease (PT2M) must be at least four times the longest channel timeout (PT1M)");
	}

}
