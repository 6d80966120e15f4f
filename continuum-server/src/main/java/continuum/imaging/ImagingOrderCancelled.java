package continuum.imaging;

import java.util.List;

import continuum.patients.PatientId;

/**
 * An imaging order was cancelled (or discontinued): the accession numbers of the
 * procedures that will not be done.
 */
public record ImagingOrderCancelled(ImagingOrderId order, PatientId patient, List<String> accessionNumbers) {
}
