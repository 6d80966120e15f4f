// Drives our DICOMweb service with the independent dicomweb-client package (run by
// DicomWebInteropTests under node): search, metadata, retrieve and store, printing what
// it got as one JSON line for the test to check.
global.XMLHttpRequest = require('xhr2');
const fs = require('fs');
const crypto = require('crypto');
const dwc = require('dicomweb-client');

const env = process.env;
const client = new dwc.api.DICOMwebClient({
  url: env.DICOMWEB_BASE,
  headers: { Authorization: 'Bearer ' + env.DICOMWEB_TOKEN }
});

function sha256(arrayBuffer) {
  return crypto.createHash('sha256').update(Buffer.from(arrayBuffer)).digest('hex');
}

(async () => {
  const result = {};
  const studies = await client.searchForStudies({ queryParams: { AccessionNumber: env.ACCESSION } });
  result.studies = studies.map(s => s['0020000D'].Value[0]);
  result.patientName = studies[0]['00100010'].Value[0].Alphabetic;
  const series = await client.searchForSeries({ studyInstanceUID: env.STUDY });
  result.series = series.map(s => s['0020000E'].Value[0]);
  const metadata = await client.retrieveStudyMetadata({ studyInstanceUID: env.STUDY });
  result.metadataInstances = metadata.map(m => m['00080018'].Value[0]);
  result.pixelDataBulk = metadata[0]['7FE00010'].BulkDataURI;
  const instance = await client.retrieveInstance({
    studyInstanceUID: env.STUDY, seriesInstanceUID: env.SERIES, sopInstanceUID: env.INSTANCE
  });
  result.instanceSha256 = sha256(instance);
  const frames = await client.retrieveInstanceFrames({
    studyInstanceUID: env.STUDY, seriesInstanceUID: env.SERIES, sopInstanceUID: env.INSTANCE, frameNumbers: [1]
  });
  result.frameBytes = frames.map(f => f.byteLength);
  if (env.STORE_FILE) {
    const file = fs.readFileSync(env.STORE_FILE);
    const stored = await client.storeInstances({
      datasets: [file.buffer.slice(file.byteOffset, file.byteOffset + file.byteLength)]
    });
    const text = typeof stored === 'string' ? stored : Buffer.from(stored).toString('utf8');
    result.stored = JSON.parse(text);
  }
  console.log(JSON.stringify(result));
})().catch(error => {
  console.error('dicomweb-client failed: ' + (error && (error.message || error.status || JSON.stringify(error))));
  process.exit(2);
});
