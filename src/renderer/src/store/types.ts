import type { CallResponse } from '../../../shared/api/contract';

export type AppInfo = CallResponse<'app.info'>;
