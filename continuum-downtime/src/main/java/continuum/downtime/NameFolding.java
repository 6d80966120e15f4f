package continuum.downtime;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Folds names as the server's patient search does: lower case, accents removed (Unicode
 * NFD without combining marks), ß as ss, ligatures spelt out, and anything that is not a
 * letter or digit dropped, so "lefevre" finds Lefèvre and "vandevelde" finds Van de
 * Velde.
 */
public final class NameFolding {

	private static final Pattern MARKS = Pattern.compile("\\p{M}+");

	private static final Pattern SEPARATORS = Pattern.compile("[^\\p{L}\\p{N}]+");

	private NameFolding() {
	}

	public static String fold(@Nullable String text) {
		if (text == null) {
			return "";
		}
		String lower = text.toLowerCase(Locale.ROOT).replace("ß", "ss").replace("æ", "ae").replace("œ", "oe");
		return MARKS.matcher(Normalizer.normalize(lower, Normalizer.Form.NFD)).replaceAll("");
	}

	/** The words of a text, folded and glued: the form a search term is matched in. */
	public static String squeezed(@Nullable String text) {
		return SEPARATORS.matcher(fold(text)).replaceAll("");
	}

	/**
	 * What search matches against: each name's words and the names glued together,
	 * folded, separated by spaces ({@code " peeters jan peetersjan 10000017 "}).
	 */
	public static String searchText(@Nullable String family, @Nullable String given, @Nullable String mrn) {
		StringBuilder text = new StringBuilder(" ");
		for (String name : new String[] { family, given }) {
			for (String word : SEPARATORS.split(fold(name))) {
				if (!word.isEmpty()) {
					text.append(word).append(' ');
				}
			}
			text.append(squeezed(name)).append(' ');
		}
		text.append(squeezed(family)).append(squeezed(given)).append(' ');
		if (mrn != null) {
			text.append(mrn.toLowerCase(Locale.ROOT)).append(' ');
		}
		return text.toString();
	}

}
