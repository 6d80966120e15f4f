package continuum.notifications;

import java.net.URI;

import org.jspecify.annotations.Nullable;

/**
 * Where patient messages go, for those who watch the gateways (continuity's probes): the
 * SMTP server ({@code smtpHost} null: e-mail not configured) and the SMS gateway's
 * endpoint ({@code smsUrl} null: SMS not configured). No credentials.
 */
public record NotificationGateways(@Nullable String smtpHost, int smtpPort, @Nullable URI smsUrl) {
}
