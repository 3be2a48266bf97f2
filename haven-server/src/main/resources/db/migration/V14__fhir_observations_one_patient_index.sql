-- A patient's observations are found through fhir_observations_patient (tenant, source, patient, code, effective
-- time) with or without a code: its leading columns select the patient's rows, a few hundred at most, which sort
-- by time in memory. The second per-patient index, without the code, only cost every load a fifth index write.
DROP INDEX fhir_observations_patient_time;
