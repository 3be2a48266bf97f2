/**
 * {@code haven pipelines} and {@code haven runs}: pipeline definitions applied from YAML files (with {@code ${NAME}}
 * placeholders filled from {@code --set}), runs started, listed, shown, followed through their event stream, waited
 * for, retried and cancelled.
 */
package org.haven.cli.pipeline;
