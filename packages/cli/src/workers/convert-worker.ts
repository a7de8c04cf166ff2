// A worker thread of `dcmkit convert`: converts the files the pool sends it.
import { convertFile } from './convert-task.js';
import { serve } from './serve.js';

serve(convertFile);
