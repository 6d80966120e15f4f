package continuum.patients;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Folds names the way staff type them: Unicode NFD with combining marks removed, lower
 * case, split on anything that is not a letter or digit. A name yields a token per word
 * and one per run of trailing words glued together, so "Van de Velde" yields van, de,
 * velde, develde and vandevelde, and "D'Hondt" yields d, hondt, dhondt; a prefix match on
 * these finds "vande", "lefevre" (Lefèvre) and "dhondt". German umlauts also get their
 * ae/oe/ue spelling.
 */
final class PatientNameTokens {

	private static final Pattern MARKS = Pattern.compile("\\p{M}+");

	private static final Pattern SEPARATORS = Pattern.compile("[^\\p{L}\\p{N}]+");

	private PatientNameTokens() {
	}

	record Token(char kind, String text) {
	}

	/** Lower case, accents removed, ß as ss, ligatures spelt out. */
	static String fold(String text) {
		String lower = text.toLowerCase(java.util.Locale.ROOT).replace("ß", "ss").replace("æ", "ae").replace("œ", "oe");
		return MARKS.matcher(Normalizer.normalize(lower, Normalizer.Form.NFD)).replaceAll("");
	}

	/** The folded words of a text, in order. */
	static List<String> words(String text) {
		List<String> words = new ArrayList<>();
		for (String word : SEPARATORS.split(fold(text))) {
			if (!word.isEmpty()) {
				words.add(word);
			}
		}
		return words;
	}

	static List<Token> of(String family, List<String> given) {
		Set<Token> tokens = new LinkedHashSet<>();
		add(tokens, 'F', family);
		for (String name : given) {
			add(tokens, 'G', name);
		}
		return List.copyOf(tokens);
	}

	/**
	 * The key results are ordered by after rank: family name, then given names, folded.
	 */
	static String sortKey(String family, List<String> given) {
		String key = String.join(" ", words(family)) + " , " + String.join(" ", words(String.join(" ", given)));
		return key.length() > 600 ? key.substring(0, 600) : key;
	}

	private static void add(Set<Token> tokens, char kind, String name) {
		List<String> words = words(name);
		for (int i = 0; i < words.size(); i++) {
			tokens.add(new Token(kind, clip(words.get(i))));
			if (i < words.size() - 1) {
				tokens.add(new Token(kind, clip(String.join("", words.subList(i, words.size())))));
			}
		}
		String german = name.toLowerCase(java.util.Locale.ROOT)
			.replace("ä", "ae")
			.replace("ö", "oe")
			.replace("ü", "ue");
		if (!german.equals(name.toLowerCase(java.util.Locale.ROOT))) {
			for (String word : words(german)) {
				tokens.add(new Token(kind, clip(word)));
			}
		}
	}

	private static String clip(String token) {
		return token.length() > 200 ? token.substring(0, 200) : token;
	}

}
