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
 * new page when one is full, each page with the footer and its number. A line is cut at
 * the page's width; a paragraph wraps between words. Characters Helvetica cannot encode
 * print as '?'.
 */
final class PdfWriter implements AutoCloseable {

	static final float MARGIN = 40;

	private static final float TEXT = 9.5f;

	private final PDDocument document = new PDDocument();

	private final PDType1Font regular = new PDType1Font(Standard14Fonts.FontName.HELVETICA);

	private final PDType1Font bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);

	private final String footer;

	private @Nullable PDPageContentStream page;

	private float y;

	private int pages;

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
		return line(text, regular, TEXT, 12.5f);
	}

	PdfWriter emphasis(String text) throws IOException {
		return line(text, bold, TEXT, 12.5f);
	}

	/** Text wrapped between words to the page's width, each source line on its own. */
	PdfWriter paragraph(String text) throws IOException {
		float limit = PDRectangle.A4.getWidth() - 2 * MARGIN;
		for (String source : text.split("\\R")) {
			StringBuilder line = new StringBuilder();
			for (String word : source.strip().split("\\s+")) {
				String longer = line.length() == 0 ? word : line + " " + word;
				if (line.length() > 0 && width(regular, longer, TEXT) > limit) {
					text(line.toString());
					line.setLength(0);
					line.append(word);
				}
				else {
					line.setLength(0);
					line.append(longer);
				}
			}
			if (line.length() > 0) {
				text(line.toString());
			}
		}
		return this;
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
		pages++;
		page.beginText();
		page.setFont(regular, 8);
		page.newLineAtOffset(MARGIN, MARGIN - 10);
		page.showText(printable(regular, footer + " — page " + pages, 8));
		page.endText();
		y = PDRectangle.A4.getHeight() - MARGIN;
	}

	private static float width(PDType1Font font, String text, float size) throws IOException {
		float width = 0;
		for (int i = 0; i < text.length(); i++) {
			width += charWidth(font, String.valueOf(text.charAt(i)), size);
		}
		return width;
	}

	private static float charWidth(PDType1Font font, String c, float size) throws IOException {
		try {
			font.encode(c);
			return font.getStringWidth(c) / 1000 * size;
		}
		catch (IllegalArgumentException notInFont) {
			return font.getStringWidth("?") / 1000 * size;
		}
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
