package continuum.lab.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.text.Normalizer;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.jspecify.annotations.Nullable;

/**
 * Specimen labels as a PDF, one page per label, each page the size of the commonest
 * thermal label (2 × 1 inch, 50.8 × 25.4 mm) so that the printer's driver prints it 1:1:
 * patient name, MRN and birth date at the top, the accession number as a Code 128 barcode
 * (module 3 dots of a 203 dpi printer, 0.375 mm; ten-module quiet zones) with the number
 * under it, then the container and the tests. Helvetica (WinAnsi): a letter outside it
 * loses its accent (or stroke), or becomes '?'.
 */
final class LabelPdf {

	/** What one label shows. */
	record Label(String patientName, String mrn, @Nullable LocalDate birthDate, String accession, String container,
			List<String> tests) {
	}

	static final float WIDTH = 144;

	static final float HEIGHT = 72;

	/** One module: three dots of a 203 dpi thermal printer, in points. */
	static final float MODULE = 3 * 72f / 203;

	static final float BAR_BOTTOM = 27;

	static final float BAR_TOP = 51;

	private static final float MARGIN = 5;

	private static final DateTimeFormatter BIRTH_DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy");

	/**
	 * Letters with a stroke, which Unicode does not decompose, and their base letters.
	 */
	private static final String STROKED = "ŁłĐđĦħıŦŧ";

	private static final String UNSTROKED = "LlDdHhiTt";

	private final PDType1Font regular = new PDType1Font(Standard14Fonts.FontName.HELVETICA);

	private final PDType1Font bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);

	private LabelPdf() {
	}

	static byte[] of(List<Label> labels) {
		try (PDDocument document = new PDDocument()) {
			LabelPdf pdf = new LabelPdf();
			for (Label label : labels) {
				pdf.page(document, label);
			}
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			document.save(out);
			return out.toByteArray();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private void page(PDDocument document, Label label) throws IOException {
		PDPage page = new PDPage(new PDRectangle(WIDTH, HEIGHT));
		document.addPage(page);
		try (PDPageContentStream content = new PDPageContentStream(document, page)) {
			text(content, bold, 7, MARGIN, 63, label.patientName());
			String birth = label.birthDate() == null ? "" : "   DOB " + BIRTH_DATE.format(label.birthDate());
			text(content, regular, 6, MARGIN, 55.5f, "MRN " + label.mrn() + birth);
			Code128 symbol = Code128.encode(label.accession());
			boolean[] modules = symbol.modules();
			float x = (WIDTH - modules.length * MODULE) / 2;
			for (int i = 0; i < modules.length;) {
				int run = 1;
				while (i + run < modules.length && modules[i + run] == modules[i]) {
					run++;
				}
				if (modules[i]) {
					content.addRect(x + i * MODULE, BAR_BOTTOM, run * MODULE, BAR_TOP - BAR_BOTTOM);
				}
				i += run;
			}
			content.fill();
			String number = label.accession();
			text(content, bold, 7, (WIDTH - bold.getStringWidth(number) * 7 / 1000) / 2, 20, number);
			text(content, regular, 5.5f, MARGIN, 12.5f, label.container());
			text(content, regular, 5.5f, MARGIN, 5.5f, String.join(" ", label.tests()));
		}
	}

	/** One line, cut with an ellipsis where it would run off the label. */
	private static void text(PDPageContentStream content, PDType1Font font, float size, float x, float y, String text)
			throws IOException {
		String shown = printable(font, text);
		float room = WIDTH - MARGIN - x;
		if (width(font, size, shown) > room) {
			while (!shown.isEmpty() && width(font, size, shown + "\u2026") > room) {
				shown = shown.substring(0, shown.length() - 1);
			}
			shown = shown.strip() + "\u2026";
		}
		content.beginText();
		content.setFont(font, size);
		content.newLineAtOffset(x, y);
		content.showText(shown);
		content.endText();
	}

	private static float width(PDType1Font font, float size, String text) throws IOException {
		return font.getStringWidth(text) * size / 1000;
	}

	/**
	 * The text in characters the font can show: an accented or stroked letter outside
	 * WinAnsi loses its accent or stroke, anything else becomes '?'.
	 */
	static String printable(PDType1Font font, String text) {
		StringBuilder shown = new StringBuilder(text.length());
		text.codePoints().forEach(c -> {
			String s = new String(Character.toChars(c));
			if (!encodes(font, s)) {
				int stroked = STROKED.indexOf(c);
				String plain = stroked >= 0 ? String.valueOf(UNSTROKED.charAt(stroked))
						: Normalizer.normalize(s, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
				s = !plain.isEmpty() && encodes(font, plain) ? plain : "?";
			}
			shown.append(s);
		});
		return shown.toString();
	}

	private static boolean encodes(PDType1Font font, String s) {
		try {
			font.encode(s);
			return true;
		}
		catch (IllegalArgumentException | IOException ex) {
			return false;
		}
	}

}
