package continuum.imaging;

import java.util.List;

import continuum.patients.PatientId;

/** An imaging order was placed; its requested procedures by accession number. */
public record ImagingOrderPlaced(ImagingOrderId order, PatientId patient, List<String> accessionNumbers) {
}
