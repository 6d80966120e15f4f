package continuum.notifications;

import java.nio.charset.StandardCharsets;
import java.util.Properties;

import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.stereotype.Component;

/**
 * E-mail over SMTP (RFC 5321) through Jakarta Mail. The message's idempotency key is its
 * {@code Message-ID} (RFC 5322 §3.6.4), {@code <key@continuum.from-domain>}, so a message
 * sent again after a crash is the same message to the mail system. A recipient or message
 * refused with a 5xx reply is permanent; connection trouble and 4xx replies are retried.
 */
@Component
class EmailChannel implements Channel {

	private final NotificationsSettings.Smtp settings;

	private final JavaMailSenderImpl sender = new JavaMailSenderImpl();

	private final String domain;

	EmailChannel(NotificationsSettings settings) {
		this.settings = settings.smtp();
		String from = this.settings.from();
		this.domain = from.contains("@") ? from.substring(from.lastIndexOf('@') + 1).strip() : "localhost";
		if (this.settings.configured()) {
			sender.setHost(this.settings.host());
			sender.setPort(this.settings.port());
			sender.setUsername(this.settings.username());
			sender.setPassword(this.settings.password());
			sender.setDefaultEncoding(StandardCharsets.UTF_8.name());
			Properties properties = new Properties();
			String timeout = Long.toString(this.settings.timeout().toMillis());
			properties.setProperty("mail.smtp.connectiontimeout", timeout);
			properties.setProperty("mail.smtp.timeout", timeout);
			properties.setProperty("mail.smtp.writetimeout", timeout);
			properties.setProperty("mail.smtp.auth", Boolean.toString(this.settings.username() != null));
			properties.setProperty("mail.smtp.starttls.enable", Boolean.toString(this.settings.starttlsRequired()));
			properties.setProperty("mail.smtp.starttls.required", Boolean.toString(this.settings.starttlsRequired()));
			properties.setProperty("mail.smtp.ssl.checkserveridentity", "true");
			sender.setJavaMailProperties(properties);
		}
	}

	@Override
	public DeliveryChannel type() {
		return DeliveryChannel.EMAIL;
	}

	@Override
	public boolean configured() {
		return settings.configured();
	}

	@Override
	public void send(OutboxMessage message) throws DeliveryException {
		try {
			MimeMessage mime = new KeyedMimeMessage(sender.getSession(), messageId(message));
			mime.setFrom(new InternetAddress(settings.from()));
			mime.setRecipient(jakarta.mail.Message.RecipientType.TO, new InternetAddress(message.recipient(), true));
			mime.setSubject(message.subject() == null ? "" : message.subject(), StandardCharsets.UTF_8.name());
			mime.setText(message.body(), StandardCharsets.UTF_8.name());
			sender.send(mime);
		}
		catch (MessagingException ex) {
			throw new DeliveryException("email-invalid-address", true, ex);
		}
		catch (MailAuthenticationException ex) {
			throw new DeliveryException("smtp-authentication", false, ex);
		}
		catch (MailSendException ex) {
			boolean refused = ex.getFailedMessages()
				.values()
				.stream()
				.anyMatch(cause -> cause instanceof SendFailedException && replyCode(cause) >= 500);
			throw new DeliveryException(refused ? "smtp-rejected" : "smtp-unavailable", refused, ex);
		}
		catch (MailException ex) {
			throw new DeliveryException("smtp-unavailable", false, ex);
		}
	}

	/**
	 * {@code <key@continuum.domain>}, the domain being that of the From address: the same
	 * on every node, so a message sent again by another node after a crash keeps its
	 * Message-ID (a host name would not).
	 */
	String messageId(OutboxMessage message) {
		return "<" + message.idempotencyKey() + "@continuum." + domain + ">";
	}

	/**
	 * The SMTP reply code of a refusal, read reflectively from the provider's exception
	 * (it has a {@code getReturnCode()}), 0 if unknown.
	 */
	private static int replyCode(Exception failure) {
		for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
			try {
				Object code = t.getClass().getMethod("getReturnCode").invoke(t);
				if (code instanceof Integer value && value > 0) {
					return value;
				}
			}
			catch (ReflectiveOperationException ignored) {
				// not a provider exception with a reply code
			}
			if (t instanceof MessagingException messaging && messaging.getNextException() != null
					&& messaging.getNextException() != t.getCause()) {
				int next = replyCode(messaging.getNextException());
				if (next > 0) {
					return next;
				}
			}
		}
		return 0;
	}

	/** A MIME message that keeps the Message-ID it is given instead of inventing one. */
	private static final class KeyedMimeMessage extends MimeMessage {

		private final String messageId;

		KeyedMimeMessage(Session session, String messageId) {
			super(session);
			this.messageId = messageId;
		}

		@Override
		protected void updateMessageID() throws MessagingException {
			setHeader("Message-ID", messageId);
		}

	}

}
