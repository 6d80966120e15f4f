package org.continuum.dicom.net;

/** States of the DICOM upper layer protocol machine (PS3.8 §9.2, Table 9-1). */
public enum AssociationState {

	/** Idle. */
	STA1,
	/** Transport connection open, awaiting A-ASSOCIATE-RQ PDU. */
	STA2,
	/** Awaiting local A-ASSOCIATE response primitive. */
	STA3,
	/** Awaiting transport connection opening to complete. */
	STA4,
	/** Awaiting A-ASSOCIATE-AC or -RJ PDU. */
	STA5,
	/** Association established and ready for data transfer. */
	STA6,
	/** Awaiting A-RELEASE-RP PDU. */
	STA7,
	/** Awaiting local A-RELEASE response primitive. */
	STA8,
	/** Release collision states (requestor/acceptor). */
	STA9, STA10, STA11, STA12,
	/** Awaiting transport connection close. */
	STA13

}
