package continuum.notifications;

import java.net.URI;
import java.time.Duration;
import java.time.ZoneId;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Patient notifications ({@code continuum.notifications.*}, e.g.
 * {@code CONTINUUM_NOTIFICATIONS_SMTP_HOST}, {@code CONTINUUM_NOTIFICATIONS_SMS_URL}). A
 * channel without a host or URL is not configured: its messages are recorded as
 * undeliverable. The lease must outlast a send: it is at least four times each channel's
 * timeout, so that a slow send is never taken over by another dispatcher.
 */
@Validated
@ConfigurationProperties("continuum.notifications")
record NotificationsSettings(@DefaultValue("true") boolean enabled, @Valid @DefaultValue Smtp smtp,
		@Valid @DefaultValue Sms sms, @Pattern(regexp = "fr|nl|en") @DefaultValue("nl") String defaultLanguage,
		@DefaultValue("Europe/Brussels") ZoneId zone, @DefaultValue("24h") Duration reminderLead,
		@Min(1) @Max(100) @DefaultValue("8") int maxAttempts, @DefaultValue("30s") Duration backoffBase,
		@DefaultValue("1h") Duration backoffMax, @DefaultValue("2m") Duration lease,
		@DefaultValue("10s") Duration pollInterval, @Min(1) @Max(32) @DefaultValue("2") int workers,
		@Min(1) @Max(500) @DefaultValue("10") int batchSize) {

	NotificationsSettings {
		if (backoffBase.isNegative() || backoffBase.isZero() || backoffMax.compareTo(backoffBase) < 0) {
			throw new IllegalArgumentException("backoff-base must be positive and backoff-max at least backoff-base");
		}
		if (pollInterval.isNegative() || pollInterval.isZero()) {
			throw new IllegalArgumentException("poll-interval must be positive");
		}
		Duration longestSend = smtp.timeout().compareTo(sms.timeout()) > 0 ? smtp.timeout() : sms.timeout();
		if (lease.compareTo(longestSend.multipliedBy(4)) < 0) {
			throw new IllegalArgumentException("lease (" + lease + ") must be at least four times the longest channel "
					+ "timeout (" + longestSend + ")");
		}
	}

	/**
	 * The mail server messages are submitted to; none configured without a host. With a
	 * username, STARTTLS is required unless {@code starttls} is explicitly false, so that
	 * the password never crosses the network in clear by default; the server's
	 * certificate and host name are checked against the JDK's trusted certificates.
	 */
	record Smtp(@Nullable String host, @Min(1) @Max(65535) @DefaultValue("25") int port, @Nullable String username,
			@Nullable String password, @NotBlank @DefaultValue("continuum@localhost") String from,
			@Nullable Boolean starttls, @DefaultValue("20s") Duration timeout) {

		boolean configured() {
			return host != null && !host.isBlank();
		}

		/**
		 * Whether the connection must be upgraded with STARTTLS before anything is sent.
		 */
		boolean starttlsRequired() {
			return starttls != null ? starttls : username != null && !username.isBlank();
		}

	}

	/**
	 * The SMS gateway: JSON posted to {@code url}, with {@code token} as bearer token if
	 * set. The URL must be HTTPS (the messages and the token would otherwise cross the
	 * network in clear) unless {@code allow-plain-http} says otherwise
	 * ({@code CONTINUUM_NOTIFICATIONS_SMS_ALLOWPLAINHTTP=true}, e.g. a gateway on the
	 * same machine).
	 */
	record Sms(@Nullable URI url, @Nullable String token, @DefaultValue("20s") Duration timeout,
			@DefaultValue("false") boolean allowPlainHttp) {

		Sms {
			if (url != null && !"https".equalsIgnoreCase(url.getScheme())
					&& !(allowPlainHttp && "http".equalsIgnoreCase(url.getScheme()))) {
				throw new IllegalArgumentException("continuum.notifications.sms.url must be an https:// URL (was "
						+ url.getScheme() + "://" + url.getHost() + "); set "
						+ "CONTINUUM_NOTIFICATIONS_SMS_ALLOWPLAINHTTP=true to allow plain HTTP to the SMS gateway");
			}
		}

		boolean configured() {
			return url != null;
		}

	}

}
