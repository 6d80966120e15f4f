/** Continuum's pure Java DICOM library: data model, Part 10 codec, upper layer and DIMSE services (PS3.5, PS3.7, PS3.8, PS3.10). */
module org.continuum.dicom {
    requires org.slf4j;
    requires static org.jspecify;

    exports org.continuum.dicom.data;
    exports org.continuum.dicom.io;
    exports org.continuum.dicom.net;
    exports org.continuum.dicom.net.pdu;
    exports org.continuum.dicom.net.service;
}
