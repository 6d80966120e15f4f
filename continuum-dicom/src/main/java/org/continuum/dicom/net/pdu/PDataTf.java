package org.continuum.dicom.net.pdu;

import java.util.List;

/** P-DATA-TF PDU (PS3.8 §9.3.5): one or more presentation data values. */
public record PDataTf(List<PresentationDataValue> values) implements Pdu {

	public PDataTf {
		values = List.copyOf(values);
	}

	@Override
	public PduType type() {
		return PduType.P_DATA_TF;
	}
}
