// The SOP classes and transfer syntaxes the DIMSE services negotiate (PS3.4 Annexes A, B, C; PS3.5 10).
import { SopClass, TransferSyntax, lookupUid } from '@dcmkit/core';

/** Verification SOP Class (PS3.4 A.4). */
export const VERIFICATION = SopClass.Verification;

/** Query/Retrieve levels (PS3.4 C.3). */
export type QueryLevel = 'PATIENT' | 'STUDY' | 'SERIES' | 'IMAGE';

/** Query/Retrieve information models (PS3.4 C.6.1, C.6.2): Patient Root and Study Root. */
export type InformationModel = 'patient' | 'study';

export const QUERY_RETRIEVE = {
  patient: { find: SopClass.PatientRootQueryRetrieveInformationModelFind, move: SopClass.PatientRootQueryRetrieveInformationModelMove, get: SopClass.PatientRootQueryRetrieveInformationModelGet },
  study: { find: SopClass.StudyRootQueryRetrieveInformationModelFind, move: SopClass.StudyRootQueryRetrieveInformationModelMove, get: SopClass.StudyRootQueryRetrieveInformationModelGet },
} as const;

/** The information model and operation of a Query/Retrieve SOP Class UID, if it is one. */
export function queryRetrieveClass(uid: string): { model: InformationModel; operation: 'find' | 'move' | 'get' } | undefined {
  for (const model of ['patient', 'study'] as const) {
    for (const operation of ['find', 'move', 'get'] as const) if (QUERY_RETRIEVE[model][operation] === uid) return { model, operation };
  }
  return undefined;
}

/** Uncompressed transfer syntaxes, in the order an acceptor prefers them (PS3.5 A.1, A.2). */
export const NATIVE_TRANSFER_SYNTAXES: readonly string[] = [TransferSyntax.ExplicitVRLittleEndian, TransferSyntax.ImplicitVRLittleEndian, TransferSyntax.ExplicitVRBigEndian];

/** Every transfer syntax of the registry, uncompressed first: a storage SCP keeps whatever it receives as it is. */
export const ALL_TRANSFER_SYNTAXES: readonly string[] = [...new Set([...NATIVE_TRANSFER_SYNTAXES, ...Object.values(TransferSyntax)])];

let storageClasses: ReadonlySet<string> | undefined;

/** The Storage SOP Classes of the registry that are not retired (PS3.4 B.5). */
export function storageSopClasses(): ReadonlySet<string> {
  storageClasses ??= new Set(
    Object.values(SopClass).filter((uid) => {
      const entry = lookupUid(uid);
      return entry && !entry.retired && / Storage( |$)/.test(entry.name) && !entry.name.startsWith('Storage Commitment');
    }),
  );
  return storageClasses;
}

/**
 * Storage SOP Classes a C-GET SCU offers to receive when not told which: the common image, structured
 * report, RT and document classes (a C-GET association has room for 127 besides the GET context).
 */
export const COMMON_STORAGE_SOP_CLASSES: readonly string[] = [
  SopClass.CTImageStorage, SopClass.EnhancedCTImageStorage, SopClass.LegacyConvertedEnhancedCTImageStorage,
  SopClass.MRImageStorage, SopClass.EnhancedMRImageStorage, SopClass.EnhancedMRColorImageStorage, SopClass.LegacyConvertedEnhancedMRImageStorage, SopClass.MRSpectroscopyStorage,
  SopClass.ComputedRadiographyImageStorage, SopClass.DigitalXRayImageStorageForPresentation, SopClass.DigitalXRayImageStorageForProcessing,
  SopClass.DigitalMammographyXRayImageStorageForPresentation, SopClass.DigitalMammographyXRayImageStorageForProcessing, SopClass.DigitalIntraOralXRayImageStorageForPresentation, SopClass.BreastTomosynthesisImageStorage,
  SopClass.UltrasoundImageStorage, SopClass.UltrasoundMultiFrameImageStorage, SopClass.EnhancedUSVolumeStorage,
  SopClass.SecondaryCaptureImageStorage, SopClass.MultiFrameSingleBitSecondaryCaptureImageStorage, SopClass.MultiFrameGrayscaleByteSecondaryCaptureImageStorage,
  SopClass.MultiFrameGrayscaleWordSecondaryCaptureImageStorage, SopClass.MultiFrameTrueColorSecondaryCaptureImageStorage,
  SopClass.XRayAngiographicImageStorage, SopClass.EnhancedXAImageStorage, SopClass.XRayRadiofluoroscopicImageStorage, SopClass.EnhancedXRFImageStorage, SopClass.XRay3DAngiographicImageStorage,
  SopClass.NuclearMedicineImageStorage, SopClass.PositronEmissionTomographyImageStorage, SopClass.EnhancedPETImageStorage, SopClass.LegacyConvertedEnhancedPETImageStorage,
  SopClass.RTImageStorage, SopClass.RTDoseStorage, SopClass.RTStructureSetStorage, SopClass.RTPlanStorage, SopClass.RTIonPlanStorage, SopClass.RTBeamsTreatmentRecordStorage, SopClass.RTTreatmentSummaryRecordStorage,
  SopClass.BasicTextSRStorage, SopClass.EnhancedSRStorage, SopClass.ComprehensiveSRStorage, SopClass.Comprehensive3DSRStorage, SopClass.KeyObjectSelectionDocumentStorage,
  SopClass.XRayRadiationDoseSRStorage, SopClass.MammographyCADSRStorage, SopClass.EncapsulatedPDFStorage, SopClass.EncapsulatedCDAStorage,
  SopClass.GrayscaleSoftcopyPresentationStateStorage, SopClass.ColorSoftcopyPresentationStateStorage,
  SopClass.SegmentationStorage, SopClass.SurfaceSegmentationStorage, SopClass.ParametricMapStorage, SopClass.SpatialRegistrationStorage, SopClass.DeformableSpatialRegistrationStorage, SopClass.RawDataStorage,
  SopClass.VLEndoscopicImageStorage, SopClass.VLMicroscopicImageStorage, SopClass.VLPhotographicImageStorage, SopClass.VLWholeSlideMicroscopyImageStorage,
  SopClass.VideoEndoscopicImageStorage, SopClass.VideoPhotographicImageStorage, SopClass.OphthalmicPhotography8BitImageStorage, SopClass.OphthalmicTomographyImageStorage,
  SopClass.TwelveLeadECGWaveformStorage, SopClass.GeneralECGWaveformStorage, SopClass.BasicVoiceAudioWaveformStorage,
];
