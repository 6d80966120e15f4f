package continuum.lab.web;

import java.awt.image.BufferedImage;
import java.time.LocalDate;
import java.util.List;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Labels parsed back with PDFBox: one 2 × 1 inch page per label, the text a person reads,
 * and a barcode that reads back, at the printer's resolution, as the accession number.
 */
class LabelPdfTests {

	static final float DPI = 203;

	@Test
	void onePageOfTwoByOneInchesPerLabelWithItsText() throws Exception {
		byte[] pdf = LabelPdf.of(List.of(
				new LabelPdf.Label("VANDENBROUCKE, Anaïs", "10000017", LocalDate.of(1948, 3, 14), "1000000001",
						"EDTA tube (lavender)", List.of("WBC", "RBC", "Hb", "Hct", "MCV", "PLT")),
				new LabelPdf.Label("WÓJCIK, Łucja", "10000025", null, "1000000002", "Serum gel tube (gold)",
						List.of("CRP"))));
		try (PDDocument document = Loader.loadPDF(pdf)) {
			assertThat(document.getNumberOfPages()).isEqualTo(2);
			for (int page = 0; page < 2; page++) {
				PDRectangle size = document.getPage(page).getMediaBox();
				// 2 × 1 inch: 50.8 × 25.4 mm.
				assertThat(size.getWidth()).isEqualTo(144f);
				assertThat(size.getHeight()).isEqualTo(72f);
			}
			PDFTextStripper text = new PDFTextStripper();
			text.setStartPage(1);
			text.setEndPage(1);
			assertThat(text.getText(document)).contains("VANDENBROUCKE, Anaïs", "MRN 10000017", "DOB 14/03/1948",
					"1000000001", "EDTA tube (lavender)", "WBC RBC Hb Hct MCV PLT");
			text.setStartPage(2);
			text.setEndPage(2);
			// Ł is not in WinAnsi: it loses its stroke rather than the label failing.
			assertThat(text.getText(document)).contains("WÓJCIK, Lucja", "1000000002", "CRP").doesNotContain("DOB");
		}
	}

	@Test
	void barcodeReadsBackAsTheAccessionNumberAtThePrintersResolution() throws Exception {
		byte[] pdf = LabelPdf.of(List.of(new LabelPdf.Label("PEETERS, Jan", "10000033", LocalDate.of(1970, 1, 2),
				"1000004711", "Citrate tube (light blue)", List.of("INR"))));
		assertThat(readBarcode(pdf, 0)).isEqualTo("1000004711");
	}

	@Test
	void aLongTestListIsCutToTheLabelNotOffIt() throws Exception {
		byte[] pdf = LabelPdf.of(List.of(new LabelPdf.Label("DE SMEDT-VAN DEN BOSSCHE, Marie-Christine Josephine",
				"10000041", LocalDate.of(1990, 5, 6), "1000000003", "Serum gel tube (gold)",
				List.of("Na", "K", "Cl", "CO2", "Urea N", "Creat", "Gluc", "Ca", "CRP", "hs-TnT", "HbA1c"))));
		try (PDDocument document = Loader.loadPDF(pdf)) {
			String text = new PDFTextStripper().getText(document);
			assertThat(text).contains("Na K Cl", "\u2026", "DE SMEDT-VAN DEN BOSSCHE");
		}
		assertThat(readBarcode(pdf, 0)).isEqualTo("1000000003");
	}

	/** Renders the page as the printer would and reads a row through the bars. */
	static String readBarcode(byte[] pdf, int page) throws Exception {
		try (PDDocument document = Loader.loadPDF(pdf)) {
			BufferedImage image = new PDFRenderer(document).renderImageWithDPI(page, DPI, ImageType.RGB);
			// Kept for a look (and a second reader) after the run.
			java.nio.file.Files.createDirectories(java.nio.file.Path.of("target"));
			javax.imageio.ImageIO.write(image, "png", java.nio.file.Path.of("target", "specimen-label.png").toFile());
			float middle = (LabelPdf.BAR_BOTTOM + LabelPdf.BAR_TOP) / 2;
			int y = Math.round((LabelPdf.HEIGHT - middle) * DPI / 72);
			return Code128Reader.read(image, y);
		}
	}

}
