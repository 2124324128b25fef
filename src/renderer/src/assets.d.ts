// Trial 10 (22): Vite's `?url` imports (an asset's URL in the build), as vite/client declares them.
declare module '*?url' {
  const url: string;
  export default url;
}
