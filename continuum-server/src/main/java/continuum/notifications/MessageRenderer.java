package continuum.notifications;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.springframework.context.support.ResourceBundleMessageSource;

/**
 * Renders a notification in French, Dutch or English from the bundles
 * {@code notifications/messages_<language>.properties}. Dates follow each language's
 * conventions ({@code format.datetime}, a {@link DateTimeFormatter} pattern, with Belgian
 * locales), in the notification's zone. Rendering happens at enqueue time, so the text
 * sent is the text decided in the caller's transaction.
 */
final class MessageRenderer {

	static final Set<String> LANGUAGES = Set.of("fr", "nl", "en");

	private final ResourceBundleMessageSource bundles = new ResourceBundleMessageSource();

	private final String defaultLanguage;

	private final ZoneId defaultZone;

	MessageRenderer(String defaultLanguage, ZoneId defaultZone) {
		this.defaultLanguage = defaultLanguage;
		this.defaultZone = defaultZone;
		bundles.setBasename("notifications/messages");
		bundles.setDefaultEncoding("UTF-8");
		bundles.setFallbackToSystemLocale(false);
	}

	/** Subject (for e-mail) and body of one message. */
	record Rendered(String language, String subject, String body) {
	}

	/**
	 * The language to write to a patient in: the primary subtag of the patient's language
	 * if we have texts in it ({@code nl-BE} is {@code nl}), else the default.
	 */
	String languageFor(@Nullable String patientLanguage) {
		if (patientLanguage == null) {
			return defaultLanguage;
		}
		String primary = patientLanguage.split("-", 2)[0].toLowerCase(Locale.ROOT);
		return LANGUAGES.contains(primary) ? primary : defaultLanguage;
	}

	Rendered render(PatientNotification notification, DeliveryChannel channel, String language) {
		Locale locale = Locale.forLanguageTag(language + "-BE");
		ZoneId zone = notification.zone() == null ? defaultZone : notification.zone();
		DateTimeFormatter format = DateTimeFormatter.ofPattern(text("format.datetime", locale), locale).withZone(zone);
		String location = Stream.of(notification.department(), notification.place())
			.filter(s -> s != null)
			.collect(Collectors.joining(", "));
		Object[] args = { format.format(notification.start()),
				location.isEmpty() ? text("location.none", locale) : location,
				notification.previousStart() == null ? "" : format.format(notification.previousStart()),
				notification.reason() == null ? text("reason.none", locale) : notification.reason() };
		String kind = notification.kind().name();
		String subject = bundles.getMessage(kind + ".subject", args, locale);
		String body = bundles.getMessage(kind + "." + channel.code(), args, locale);
		return new Rendered(language, subject, body);
	}

	private String text(String key, Locale locale) {
		return bundles.getMessage(key, null, locale);
	}

}
