package continuum.imaging.pacs;

import java.text.Normalizer;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * The form person names are matched in (the index's {@code *_name_match} columns and the
 * C-FIND keys alike): upper case, accents removed, so that {@code dupont*} finds
 * {@code Dupont^Hélène} (PS3.4 §C.2.2.2.1 lets PN matching ignore case and accents).
 */
public final class MatchForm {

	private MatchForm() {
	}

	public static @Nullable String of(@Nullable String value) {
		if (value == null) {
			return null;
		}
		String decomposed = Normalizer.normalize(value, Normalizer.Form.NFD);
		return decomposed.replaceAll("\\p{M}", "").toUpperCase(Locale.ROOT);
	}

}
