package continuum.imaging.dimse;

import continuum.imaging.DicomPeer;
import continuum.imaging.DicomPeers;
import org.continuum.dicom.net.Status;
import org.continuum.dicom.net.service.DimseException;
import org.springframework.stereotype.Component;

/**
 * Refuses a request the calling peer may not make: status 0124 (Refused: Not authorized,
 * PS3.7 Annex C), the general failure status for a DIMSE-service-user not authorized to
 * invoke the operation. Association control has let only known peers in (unless unknown
 * callers are accepted); this is the per-operation half.
 */
@Component
class PeerChecks {

	private final DicomPeers peers;

	PeerChecks(DicomPeers peers) {
		this.peers = peers;
	}

	void require(String callingAeTitle, DicomPeer.Operation operation) throws DimseException {
		if (!peers.permits(callingAeTitle, operation)) {
			throw new DimseException(Status.NOT_AUTHORIZED,
					operation.name().toLowerCase(java.util.Locale.ROOT) + " not permitted for this AE");
		}
	}

}
