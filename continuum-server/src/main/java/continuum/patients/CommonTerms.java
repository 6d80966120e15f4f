package continuum.patients;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The coded terms the chart's forms offer as suggestions: SNOMED CT substances, ATC drugs
 * and ICD-10 problems, read from the product's own terminology files
 * ({@code terminology/*.tsv} on the class path), whether or not a demo hospital was
 * seeded. A term typed exactly as suggested is recorded with its code, anything else as
 * free text. The demo hospital draws its entries from these lists.
 */
public final class CommonTerms {

	public static final List<ClinicalCode> SUBSTANCES = load("substances");

	public static final List<ClinicalCode> DRUGS = load("drugs");

	public static final List<ClinicalCode> PROBLEMS = load("problems");

	private CommonTerms() {
	}

	/**
	 * The term of the list whose text is {@code text} (ignoring case and surrounding
	 * spaces), or {@code text} as free text.
	 */
	public static ClinicalCode code(List<ClinicalCode> terms, String text) {
		String wanted = text.strip().toLowerCase(Locale.ROOT);
		return terms.stream()
			.filter(term -> term.text().toLowerCase(Locale.ROOT).equals(wanted))
			.findFirst()
			.orElseGet(() -> ClinicalCode.text(text.strip()));
	}

	/**
	 * The term of the list whose text is exactly {@code text}; for data built from the
	 * terminology (the demo hospital), where a missing term is a mistake in the code.
	 */
	static ClinicalCode term(List<ClinicalCode> terms, String text) {
		return terms.stream()
			.filter(term -> term.text().equals(text))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("No term \"" + text + "\" in the terminology"));
	}

	/**
	 * One term a line: code system, code and text separated by tabs (system and code
	 * empty for a free-text term); lines starting with {@code #} are comments.
	 */
	private static List<ClinicalCode> load(String name) {
		String resource = "/terminology/" + name + ".tsv";
		try (InputStream in = CommonTerms.class.getResourceAsStream(resource)) {
			if (in == null) {
				throw new IllegalStateException("The terminology file " + resource + " is not on the class path");
			}
			List<ClinicalCode> terms = new ArrayList<>();
			BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
			int number = 0;
			for (String line = lines.readLine(); line != null; line = lines.readLine()) {
				number++;
				if (line.isBlank() || line.startsWith("#")) {
					continue;
				}
				String[] fields = line.split("\t", -1);
				if (fields.length != 3) {
					throw new IllegalStateException(resource + " line " + number + " has " + fields.length
							+ " fields, not 3 (system, code, text)");
				}
				terms.add(new ClinicalCode(fields[0], fields[1], fields[2]));
			}
			return List.copyOf(terms);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Reading the terminology file " + resource, ex);
		}
	}

}
