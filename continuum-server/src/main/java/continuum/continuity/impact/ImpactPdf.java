package continuum.continuity.impact;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/**
 * The impact report as an A4 PDF for the board and the archive: extent (components),
 * window and duration, counts, and (for readers who may see patients) the lists behind
 * them. Written with the standard Helvetica fonts, so characters outside WinAnsi are
 * replaced rather than failing the report.
 */
final class ImpactPdf {

	private static final float MARGIN = 50;

	private static final float LEADING = 13;

	private final PDDocument document = new PDDocument();

	private final PDType1Font regular = new PDType1Font(Standard14Fonts.FontName.HELVETICA);

	private final PDType1Font bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);

	private PDPageContentStream content;

	private float y;

	private ImpactPdf() {
		newPage();
	}

	static byte[] of(ImpactView view) {
		ImpactPdf pdf = new ImpactPdf();
		try {
			return pdf.write(view);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private byte[] write(ImpactView view) throws IOException {
		ImpactReport report = view.report();
		line(bold, 16, "Impact of incident " + report.incidentId());
		line(regular, 10, "Components: " + String.join(", ", report.components()));
		line(regular, 10, "Window: " + view.window() + " (" + view.duration() + ")");
		line(regular, 10, "Computed " + view.computed() + " by " + report.computedBy());
		y -= LEADING / 2;
		line(bold, 11, "Booked appointments in the window: " + report.appointments());
		line(bold, 11, "Arrivals recorded only after the outage: " + report.lateArrivals());
		line(bold, 11, "Patient messages held back: " + report.messages());
		if (view.patientsShown()) {
			section("Booked appointments", view.appointments());
			section("Arrivals recorded late", view.lateArrivals());
			section("Messages held back", view.messages());
		}
		else {
			y -= LEADING / 2;
			line(regular, 9, "The lists name patients and are shown only to roles that may see patients.");
		}
		content.close();
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		document.save(out);
		document.close();
		return out.toByteArray();
	}

	private void section(String title, List<ImpactView.Line> lines) throws IOException {
		if (lines.isEmpty()) {
			return;
		}
		y -= LEADING / 2;
		line(bold, 11, title);
		for (ImpactView.Line l : lines) {
			line(regular, 9, l.at() + "   " + l.patient() + "   MRN " + l.mrn() + "   " + l.reference()
					+ (l.detail() == null ? "" : "   " + l.detail()));
		}
	}

	private void line(PDType1Font font, float size, String text) throws IOException {
		if (y < MARGIN + LEADING) {
			content.close();
			newPage();
		}
		content.beginText();
		content.setFont(font, size);
		content.newLineAtOffset(MARGIN, y);
		content.showText(printable(font, text));
		content.endText();
		y -= LEADING + (size > 11 ? 6 : 0);
	}

	private void newPage() {
		PDPage page = new PDPage(PDRectangle.A4);
		document.addPage(page);
		try {
			content = new PDPageContentStream(document, page);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		y = PDRectangle.A4.getHeight() - MARGIN;
	}

	/** The text with every character the font cannot show replaced by '?'. */
	private static String printable(PDType1Font font, String text) {
		StringBuilder shown = new StringBuilder(text.length());
		text.codePoints().forEach(c -> {
			String s = new String(Character.toChars(c));
			try {
				font.encode(s);
				shown.append(s);
			}
			catch (IOException | IllegalArgumentException ex) {
				shown.append('?');
			}
		});
		return shown.toString();
	}

}
