package continuum.downtime.reports;

import java.io.IOException;
import java.nio.file.Path;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.jspecify.annotations.Nullable;

/**
 * Lines of text on A4 pages with PDFBox's standard Helvetica (no font files needed); a
 * new page when one is full. Characters Helvetica cannot encode print as '?'.
 */
final class PdfWriter implements AutoCloseable {

	static final float MARGIN = 40;

	private final PDDocument document = new PDDocument();

	private final PDType1Font regular = new PDType1Font(Standard14Fonts.FontName.HELVETICA);

	private final PDType1Font bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);

	private final String footer;

	private @Nullable PDPageContentStream page;

	private float y;

	PdfWriter(String footer) {
		this.footer = footer;
	}

	PdfWriter heading(String text) throws IOException {
		return line(text, bold, 14, 20);
	}

	PdfWriter subheading(String text) throws IOException {
		return line(text, bold, 11, 16);
	}

	PdfWriter text(String text) throws IOException {
		return line(text, regular, 9.5f, 12.5f);
	}

	PdfWriter emphasis(String text) throws IOException {
		return line(text, bold, 9.5f, 12.5f);
	}

	PdfWriter gap() {
		y -= 6;
		return this;
	}

	private PdfWriter line(String text, PDType1Font font, float size, float leading) throws IOException {
		if (page == null || y - leading < MARGIN + 20) {
			newPage();
		}
		y -= leading;
		page.beginText();
		page.setFont(font, size);
		page.newLineAtOffset(MARGIN, y);
		page.showText(printable(font, text, size));
		page.endText();
		return this;
	}

	private void newPage() throws IOException {
		if (page != null) {
			page.close();
		}
		PDPage next = new PDPage(PDRectangle.A4);
		document.addPage(next);
		page = new PDPageContentStream(document, next);
		page.beginText();
		page.setFont(regular, 8);
		page.newLineAtOffset(MARGIN, MARGIN - 10);
		page.showText(printable(regular, footer, 8));
		page.endText();
		y = PDRectangle.A4.getHeight() - MARGIN;
	}

	/** The text with what the font cannot encode replaced, cut to the page's width. */
	private static String printable(PDType1Font font, String text, float size) throws IOException {
		StringBuilder out = new StringBuilder();
		float width = 0;
		float limit = PDRectangle.A4.getWidth() - 2 * MARGIN;
		for (int i = 0; i < text.length(); i++) {
			String c = String.valueOf(text.charAt(i));
			try {
				font.encode(c);
			}
			catch (IllegalArgumentException notInFont) {
				c = "?";
			}
			float w = font.getStringWidth(c) / 1000 * size;
			if (width + w > limit) {
				break;
			}
			width += w;
			out.append(c);
		}
		return out.toString();
	}

	void save(Path file) throws IOException {
		if (page == null) {
			newPage();
		}
		page.close();
		page = null;
		document.save(file.toFile());
	}

	@Override
	public void close() throws IOException {
		document.close();
	}

}
