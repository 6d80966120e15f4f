package continuum.lab.web;

import java.util.ArrayList;
import java.util.List;

import continuum.lab.LabOrder;
import continuum.lab.LabOrderId;
import continuum.lab.LabOrderService;
import continuum.lab.Specimen;
import continuum.lab.SpecimenService;
import continuum.lab.SpecimenStatus;
import continuum.patients.PatientSummary;
import continuum.platform.ConflictException;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * Specimen labels as PDF ({@link LabelPdf}): one specimen's, or every label of an order
 * still to be drawn or received (a rejected specimen's label is not printed again; its
 * recollection's is). The specimen, order and patient are read through their services,
 * which audit the reads.
 */
@Controller
class LabelController {

	private final SpecimenService specimens;

	private final LabOrderService orders;

	private final LabPages pages;

	LabelController(SpecimenService specimens, LabOrderService orders, LabPages pages) {
		this.specimens = specimens;
		this.orders = orders;
		this.pages = pages;
	}

	@GetMapping("/lab/specimens/{accession}/label.pdf")
	ResponseEntity<byte[]> label(@PathVariable String accession) {
		Specimen specimen = specimens.get(accession);
		LabOrder order = orders.get(specimen.order());
		return pdf("label-" + specimen.accession() + ".pdf",
				List.of(label(order, specimen, pages.patient(specimen.patient()))));
	}

	@GetMapping("/lab/orders/{id}/labels.pdf")
	ResponseEntity<byte[]> labels(@PathVariable String id) {
		LabOrder order = orders.get(LabOrderId.of(id));
		PatientSummary patient = pages.patient(order.patient());
		List<LabelPdf.Label> labels = new ArrayList<>();
		for (Specimen specimen : specimens.ofOrder(order.id())) {
			if (specimen.status() != SpecimenStatus.REJECTED) {
				labels.add(label(order, specimen, patient));
			}
		}
		if (labels.isEmpty()) {
			throw new ConflictException("Order " + order.placerNumber() + " has no specimen left to label");
		}
		return pdf("labels-" + order.placerNumber() + ".pdf", labels);
	}

	private static LabelPdf.Label label(LabOrder order, Specimen specimen, PatientSummary patient) {
		return new LabelPdf.Label(LabPages.displayName(patient), patient.mrn(), patient.birthDate(),
				specimen.accession(), specimen.container(), LabPages.testsOf(order, specimen));
	}

	private static ResponseEntity<byte[]> pdf(String filename, List<LabelPdf.Label> labels) {
		return ResponseEntity.ok()
			.contentType(MediaType.APPLICATION_PDF)
			.cacheControl(CacheControl.noStore())
			.header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.inline().filename(filename).build().toString())
			.body(LabelPdf.of(labels));
	}

}
