package continuum.downtime.reports;

import java.nio.file.Path;
import java.util.List;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The report pages: readable text, accents kept, a footer with the "as of" line on every
 * page.
 */
class PdfWriterTests {

	@TempDir
	Path temp;

	@Test
	void writesReadableTextWithAccentsAndTheFooterOnEveryPage() throws Exception {
		Path file = temp.resolve("census.pdf");
		try (PdfWriter pdf = new PdfWriter("As of 06/12/2026 03:04:05 — 2 s behind")) {
			pdf.heading("Census Gériatrie (G2B)").text("VANDENBROUCKE, Anaïs  MRN 10000017  Ω");
			for (int i = 0; i < 80; i++) {
				pdf.text("line " + i);
			}
			pdf.save(file);
		}
		try (PDDocument document = Loader.loadPDF(file.toFile())) {
			assertThat(document.getNumberOfPages()).isEqualTo(2);
			String text = new PDFTextStripper().getText(document);
			assertThat(text).contains("Census Gériatrie (G2B)")
				.contains("VANDENBROUCKE, Anaïs  MRN 10000017  ?")
				.contains("line 79");
			assertThat(text.split("As of 06/12/2026 03:04:05", -1)).hasSize(3);
			assertThat(text).contains("2 s behind — page 1").contains("2 s behind — page 2");
		}
	}

	@Test
	void wrapsAParagraphBetweenWordsAndKeepsItsLines() throws Exception {
		Path file = temp.resolve("summary.pdf");
		String impression = "Consolidation of the right lower lobe " + "with air bronchograms ".repeat(12) + "END";
		try (PdfWriter pdf = new PdfWriter("As of 06/12/2026 03:04:05 — 2 s behind")) {
			pdf.paragraph("Impression: " + impression + "\nSecond line.");
			pdf.save(file);
		}
		try (PDDocument document = Loader.loadPDF(file.toFile())) {
			List<String> lines = new PDFTextStripper().getText(document).lines().toList();
			assertThat(lines).hasSizeGreaterThan(3).contains("Second line.");
			assertThat(String.join(" ", lines)).contains("Impression: " + impression);
		}
	}

}
