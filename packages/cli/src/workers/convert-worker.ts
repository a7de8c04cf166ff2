// A worker thread of `dcmkit convert`: converts the files the pool sends it.
import { serve } from '@dcmkit/codecs/node';
import { failureMessage } from '../batch/failure.js';
import { convertFile } from './convert-task.js';

serve(convertFile, failureMessage);
