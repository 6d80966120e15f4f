package continuum.platform;

/**
 * Text typed by a user turned into a SQL {@code LIKE} pattern that matches it literally:
 * {@code %}, {@code _} and the escape character {@code \} (PostgreSQL's default escape
 * for {@code LIKE} and {@code ILIKE}) are escaped, so a search for {@code 50%} or
 * {@code O_Brien} finds those characters and never every row. Every pattern built from
 * user text goes through here.
 */
public final class LikePattern {

	private LikePattern() {
	}

	/** The text with its {@code LIKE} wildcards and escape character escaped. */
	public static String literal(String text) {
		StringBuilder pattern = new StringBuilder(text.length() + 8);
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == '\\' || c == '%' || c == '_') {
				pattern.append('\\');
			}
			pattern.append(c);
		}
		return pattern.toString();
	}

	/** A pattern for values that contain the text anywhere. */
	public static String containing(String text) {
		return "%" + literal(text) + "%";
	}

	/** A pattern for values that start with the text. */
	public static String startingWith(String text) {
		return literal(text) + "%";
	}

}
