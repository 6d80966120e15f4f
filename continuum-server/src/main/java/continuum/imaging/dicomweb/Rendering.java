package continuum.imaging.dicomweb;

import java.util.Locale;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;

/**
 * The query parameters of a rendered resource (PS3.18 §8.3.5.1): {@code window} (center,
 * width, function: linear, linear-exact or sigmoid, PS3.3 §C.11.2.1.2), {@code viewport}
 * (width, height and optionally the source region) and {@code quality} for JPEG.
 */
record Rendering(@Nullable Window window, @Nullable Viewport viewport, int quality) {

	record Window(double center, double width, String function) {
	}

	record Viewport(int width, int height, int sx, int sy, int sw, int sh) {

		boolean hasRegion() {
			return sw > 0 && sh > 0;
		}

	}

	static Rendering parse(@Nullable String window, @Nullable String viewport, @Nullable String quality) {
		return new Rendering(window == null ? null : window(window), viewport == null ? null : viewport(viewport),
				quality == null ? 90 : quality(quality));
	}

	private static Window window(String value) {
		String[] parts = value.split(",");
		try {
			if (parts.length < 2 || parts.length > 3) {
				throw new NumberFormatException();
			}
			double center = Double.parseDouble(parts[0].strip());
			double width = Double.parseDouble(parts[1].strip());
			String function = parts.length == 3 ? parts[2].strip().toLowerCase(Locale.ROOT) : "linear";
			if (width < 1
					|| !(function.equals("linear") || function.equals("linear-exact") || function.equals("sigmoid"))) {
				throw new NumberFormatException();
			}
			return new Window(center, width, function);
		}
		catch (NumberFormatException ex) {
			throw DicomWebException.badRequest(
					"window must be center,width[,function] with width >= 1 and function linear, linear-exact or sigmoid");
		}
	}

	private static Viewport viewport(String value) {
		String[] parts = value.split(",", -1);
		try {
			if (parts.length != 2 && parts.length != 6) {
				throw new NumberFormatException();
			}
			int[] n = new int[6];
			for (int i = 0; i < parts.length; i++) {
				n[i] = parts[i].isBlank() ? 0 : Integer.parseInt(parts[i].strip());
			}
			if (n[0] < 1 || n[1] < 1 || n[0] > 8192 || n[1] > 8192 || n[2] < 0 || n[3] < 0 || n[4] < 0 || n[5] < 0) {
				throw new NumberFormatException();
			}
			return new Viewport(n[0], n[1], n[2], n[3], n[4], n[5]);
		}
		catch (NumberFormatException ex) {
			throw DicomWebException
				.badRequest("viewport must be vw,vh or vw,vh,sx,sy,sw,sh: positive pixel counts up to 8192");
		}
	}

	private static int quality(String value) {
		try {
			int q = Integer.parseInt(value.strip());
			if (q >= 1 && q <= 100) {
				return q;
			}
		}
		catch (NumberFormatException ignored) {
			// answered below
		}
		throw new DicomWebException(HttpStatus.BAD_REQUEST, "quality must be an integer from 1 to 100");
	}

}
