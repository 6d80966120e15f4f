package continuum.imaging;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Matching of a Patient's Name key (PS3.4 §C.2.2.2.4, wildcards {@code *} and {@code ?})
 * against a name, component by component ({@code FAMILY^GIVEN}): a component the key
 * leaves out matches anything, and letters are compared without case or accents, so that
 * {@code peeters^*} and {@code PEETERS} both find Peeters, Jan, and {@code Benedicte}
 * finds Bénédicte (PS3.4 leaves case and accents to the SCP for PN).
 */
final class PersonNames {

	private PersonNames() {
	}

	static boolean matches(String key, String family, String given) {
		String[] parts = key.split("\\^", -1);
		String[] components = { family, given };
		for (int i = 0; i < parts.length && i < components.length; i++) {
			String part = parts[i].strip();
			if (!part.isEmpty() && !part.equals("*") && !wildcard(fold(part)).matcher(fold(components[i])).matches()) {
				return false;
			}
		}
		return true;
	}

	/** Lower case without accents (NFD, combining marks removed). */
	static String fold(String text) {
		return Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}", "").toLowerCase(Locale.ROOT);
	}

	private static Pattern wildcard(String pattern) {
		StringBuilder regex = new StringBuilder();
		for (char c : pattern.toCharArray()) {
			regex.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
		}
		return Pattern.compile(regex.toString(), Pattern.DOTALL);
	}

}
