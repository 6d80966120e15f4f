package continuum.lab.web;

import java.util.ArrayList;
import java.util.List;

/**
 * A Code 128 symbol (ISO/IEC 15417): code set C (two digits per symbol character) for an
 * even-length string of digits, such as an accession number, code set B (printable ASCII)
 * for anything else; then the modulo-103 check character and the stop pattern. The symbol
 * is given as its symbol character values and as modules (narrowest bar or space widths),
 * bars first, without the quiet zones (ten modules each side, the caller's).
 */
final class Code128 {

	static final int START_B = 104;

	static final int START_C = 105;

	static final int STOP = 106;

	/**
	 * Element widths of each symbol character value (ISO/IEC 15417 table 1): bar, space,
	 * bar, space, bar, space, in modules, 11 in all; the stop pattern has a seventh
	 * element (a final bar) and 13 modules.
	 */
	private static final String[] WIDTHS = { "212222", "222122", "222221", "121223", "121322", "131222", "122213",
			"122312", "132212", "221213", "221312", "231212", "112232", "122132", "122231", "113222", "123122",
			"123221", "223211", "221132", "221231", "213212", "223112", "312131", "311222", "321122", "321221",
			"312212", "322112", "322211", "212123", "212321", "232121", "111323", "131123", "131321", "112313",
			"132113", "132311", "211313", "231113", "231311", "112133", "112331", "132131", "113123", "113321",
			"133121", "313121", "211331", "231131", "213113", "213311", "213131", "311123", "311321", "331121",
			"312113", "312311", "332111", "314111", "221411", "431111", "111224", "111422", "121124", "121421",
			"141122", "141221", "112214", "112412", "122114", "122411", "142112", "142211", "241211", "221114",
			"413111", "241112", "134111", "111242", "121142", "121241", "114212", "124112", "124211", "411212",
			"421112", "421211", "212141", "214121", "412121", "111143", "111341", "131141", "114113", "114311",
			"411113", "411311", "113141", "114131", "311141", "411131", "211412", "211214", "211232", "2331112" };

	private final String text;

	private final List<Integer> values;

	private Code128(String text, List<Integer> values) {
		this.text = text;
		this.values = List.copyOf(values);
	}

	/** Encodes printable ASCII; throws for anything else (a programming error). */
	static Code128 encode(String text) {
		if (text.isEmpty()) {
			throw new IllegalArgumentException("Code 128 needs at least one character");
		}
		List<Integer> values = new ArrayList<>();
		if (text.length() % 2 == 0 && text.chars().allMatch(c -> c >= '0' && c <= '9')) {
			values.add(START_C);
			for (int i = 0; i < text.length(); i += 2) {
				values.add(Integer.parseInt(text.substring(i, i + 2)));
			}
		}
		else {
			values.add(START_B);
			for (char c : text.toCharArray()) {
				if (c < 32 || c > 126) {
					throw new IllegalArgumentException("Code set B encodes printable ASCII only");
				}
				values.add(c - 32);
			}
		}
		values.add(checkValue(values));
		values.add(STOP);
		return new Code128(text, values);
	}

	/**
	 * The check character: the start value plus each data value times its position (1, 2,
	 * …), modulo 103.
	 */
	static int checkValue(List<Integer> startAndData) {
		long sum = startAndData.get(0);
		for (int i = 1; i < startAndData.size(); i++) {
			sum += (long) i * startAndData.get(i);
		}
		return (int) (sum % 103);
	}

	/** The element widths of one symbol character value. */
	static String widths(int value) {
		return WIDTHS[value];
	}

	/** The value whose element widths these are, or -1. */
	static int valueOf(String widths) {
		for (int value = 0; value < WIDTHS.length; value++) {
			if (WIDTHS[value].equals(widths)) {
				return value;
			}
		}
		return -1;
	}

	String text() {
		return text;
	}

	/** Start, data, check and stop values in order. */
	List<Integer> values() {
		return values;
	}

	/** The widths of every element, bars and spaces alternating, a bar first. */
	String elementWidths() {
		StringBuilder widths = new StringBuilder();
		values.forEach(value -> widths.append(WIDTHS[value]));
		return widths.toString();
	}

	/** One entry per module: true for a bar, false for a space. */
	boolean[] modules() {
		String widths = elementWidths();
		int total = widths.chars().map(c -> c - '0').sum();
		boolean[] modules = new boolean[total];
		int at = 0;
		for (int i = 0; i < widths.length(); i++) {
			int width = widths.charAt(i) - '0';
			boolean bar = i % 2 == 0;
			for (int m = 0; m < width; m++) {
				modules[at++] = bar;
			}
		}
		return modules;
	}

}
