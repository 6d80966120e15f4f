package continuum.lab.web;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a Code 128 symbol back, the way a scanner does: from a row of pixels (or of
 * modules) to run widths, to element widths in modules, to symbol character values; then
 * checks the start, the check character and the stop, and decodes code set B or C.
 */
final class Code128Reader {

	private Code128Reader() {
	}

	/** The text of the symbol crossing the image's row {@code y}. */
	static String read(BufferedImage image, int y) {
		List<Integer> runs = new ArrayList<>();
		boolean bar = false;
		int run = 0;
		boolean started = false;
		for (int x = 0; x < image.getWidth(); x++) {
			int rgb = image.getRGB(x, y);
			int grey = ((rgb >> 16 & 0xff) + (rgb >> 8 & 0xff) + (rgb & 0xff)) / 3;
			boolean dark = grey < 128;
			if (!started) {
				if (dark) {
					started = true;
					bar = true;
					run = 1;
				}
				continue;
			}
			if (dark == bar) {
				run++;
			}
			else {
				runs.add(run);
				bar = dark;
				run = 1;
			}
		}
		if (bar) {
			runs.add(run);
		}
		return decode(runs);
	}

	/** The text of the symbol in these modules (true: bar). */
	static String read(boolean[] modules) {
		List<Integer> runs = new ArrayList<>();
		int run = 1;
		for (int i = 1; i <= modules.length; i++) {
			if (i < modules.length && modules[i] == modules[i - 1]) {
				run++;
			}
			else {
				runs.add(run);
				run = 1;
			}
		}
		return decode(runs);
	}

	/** Run widths in any unit, bar first, up to the stop pattern's last bar. */
	static String decode(List<Integer> runs) {
		if (runs.size() < 6 * 3 + 7) {
			throw new IllegalStateException("Too few bars for a Code 128 symbol: " + runs.size());
		}
		// The start character is 11 modules wide.
		double module = runs.subList(0, 6).stream().mapToInt(Integer::intValue).sum() / 11.0;
		List<Integer> values = new ArrayList<>();
		int i = 0;
		while (i + 6 <= runs.size() && values.size() < 1000) {
			StringBuilder widths = new StringBuilder();
			for (int e = 0; e < 6; e++) {
				widths.append(Math.round(runs.get(i + e) / module));
			}
			if (i + 7 == runs.size()) {
				widths.append(Math.round(runs.get(i + 6) / module));
				i += 7;
			}
			else {
				i += 6;
			}
			int value = Code128.valueOf(widths.toString());
			if (value < 0) {
				throw new IllegalStateException("No symbol character has widths " + widths);
			}
			values.add(value);
		}
		if (values.get(values.size() - 1) != Code128.STOP) {
			throw new IllegalStateException("No stop pattern");
		}
		List<Integer> data = values.subList(0, values.size() - 2);
		int check = values.get(values.size() - 2);
		if (Code128.checkValue(data) != check) {
			throw new IllegalStateException("Check character " + check + " does not match");
		}
		StringBuilder text = new StringBuilder();
		int start = data.get(0);
		for (int value : data.subList(1, data.size())) {
			if (start == Code128.START_C) {
				text.append(String.format("%02d", value));
			}
			else if (start == Code128.START_B) {
				text.append((char) (value + 32));
			}
			else {
				throw new IllegalStateException("Unexpected start character " + start);
			}
		}
		return text.toString();
	}

}
